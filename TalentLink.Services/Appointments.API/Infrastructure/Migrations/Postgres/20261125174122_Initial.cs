using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentLink.Appointments.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:btree_gist", ",,");

            migrationBuilder.CreateTable(
                name: "appointments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    OfferId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecruiterId = table.Column<Guid>(type: "uuid", nullable: false),
                    CandidateId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ProposedById = table.Column<Guid>(type: "uuid", nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Location = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CancellationReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CancelledById = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_appointments", x => x.Id);
                    table.CheckConstraint("CK_appointments_time_order", "\"EndsAt\" > \"StartsAt\"");
                });

            migrationBuilder.CreateTable(
                name: "user_time_zones",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    TimeZoneId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_user_time_zones", x => x.UserId);
                });

            migrationBuilder.CreateTable(
                name: "appointment_slots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AppointmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_appointment_slots", x => x.Id);
                    table.CheckConstraint("CK_appointment_slots_time_order", "\"EndsAt\" > \"StartsAt\"");
                    table.ForeignKey(
                        name: "FK_appointment_slots_appointments_AppointmentId",
                        column: x => x.AppointmentId,
                        principalTable: "appointments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "busy_times",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AppointmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_busy_times", x => x.Id);
                    table.CheckConstraint("CK_busy_times_time_order", "\"EndsAt\" > \"StartsAt\"");
                    table.ForeignKey(
                        name: "FK_busy_times_appointments_AppointmentId",
                        column: x => x.AppointmentId,
                        principalTable: "appointments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_appointment_slots_AppointmentId",
                table: "appointment_slots",
                column: "AppointmentId");

            migrationBuilder.CreateIndex(
                name: "IX_appointments_CandidateId_StartsAt",
                table: "appointments",
                columns: new[] { "CandidateId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_appointments_open_per_application",
                table: "appointments",
                column: "ApplicationId",
                unique: true,
                filter: "\"Status\" IN ('Proposed', 'Confirmed')");

            migrationBuilder.CreateIndex(
                name: "IX_appointments_RecruiterId_StartsAt",
                table: "appointments",
                columns: new[] { "RecruiterId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_busy_times_AppointmentId_ParticipantId",
                table: "busy_times",
                columns: new[] { "AppointmentId", "ParticipantId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_busy_times_ParticipantId_StartsAt",
                table: "busy_times",
                columns: new[] { "ParticipantId", "StartsAt" });

            // No participant holds two overlapping confirmed times, whatever the concurrency:
            // an exclusion constraint over (participant, [start, end)) with btree_gist.
            migrationBuilder.Sql("""
                ALTER TABLE busy_times
                ADD CONSTRAINT busy_times_no_overlap
                EXCLUDE USING gist ("ParticipantId" WITH =, tstzrange("StartsAt", "EndsAt", '[)') WITH &&);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE busy_times DROP CONSTRAINT IF EXISTS busy_times_no_overlap;");

            migrationBuilder.DropTable(
                name: "appointment_slots");

            migrationBuilder.DropTable(
                name: "busy_times");

            migrationBuilder.DropTable(
                name: "user_time_zones");

            migrationBuilder.DropTable(
                name: "appointments");
        }
    }
}
