using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentLink.Appointments.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "appointments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfferId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecruiterId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CandidateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ProposedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<string>(type: "TEXT", nullable: false),
                    EndsAt = table.Column<string>(type: "TEXT", nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    CancellationReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CancelledById = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UpdatedAt = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_user_time_zones", x => x.UserId);
                });

            migrationBuilder.CreateTable(
                name: "appointment_slots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AppointmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<string>(type: "TEXT", nullable: false),
                    EndsAt = table.Column<string>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AppointmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<string>(type: "TEXT", nullable: false),
                    EndsAt = table.Column<string>(type: "TEXT", nullable: false)
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

            // No participant holds two overlapping confirmed times. SQLite has no exclusion constraints:
            // this trigger runs inside the writing transaction, and SQLite serialises writers, so two
            // racing bookings cannot both pass it. The RAISE message names the rule for DatabaseErrors.
            migrationBuilder.Sql("""
                CREATE TRIGGER busy_times_no_overlap_insert
                BEFORE INSERT ON busy_times
                FOR EACH ROW
                WHEN EXISTS (
                    SELECT 1 FROM busy_times AS b
                    WHERE b."ParticipantId" = NEW."ParticipantId"
                      AND b."StartsAt" < NEW."EndsAt"
                      AND NEW."StartsAt" < b."EndsAt")
                BEGIN
                    SELECT RAISE(ABORT, 'busy_times_no_overlap');
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER busy_times_no_overlap_update
                BEFORE UPDATE OF "ParticipantId", "StartsAt", "EndsAt" ON busy_times
                FOR EACH ROW
                WHEN EXISTS (
                    SELECT 1 FROM busy_times AS b
                    WHERE b."Id" <> NEW."Id"
                      AND b."ParticipantId" = NEW."ParticipantId"
                      AND b."StartsAt" < NEW."EndsAt"
                      AND NEW."StartsAt" < b."EndsAt")
                BEGIN
                    SELECT RAISE(ABORT, 'busy_times_no_overlap');
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS busy_times_no_overlap_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS busy_times_no_overlap_insert;");

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
