using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TalentLink.Auth.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PersonalData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "InactivityWarnedAt",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastActiveAt",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "account_deletions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    SubjectHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Reason = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_account_deletions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "token_revocations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SubjectHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_token_revocations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "account_deletion_steps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DeletionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Service = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_account_deletion_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_account_deletion_steps_account_deletions_DeletionId",
                        column: x => x.DeletionId,
                        principalTable: "account_deletions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_account_deletion_steps_DeletionId_Service",
                table: "account_deletion_steps",
                columns: new[] { "DeletionId", "Service" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_account_deletion_steps_NextAttemptAt",
                table: "account_deletion_steps",
                column: "NextAttemptAt",
                filter: "\"CompletedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_account_deletions_RequestedAt",
                table: "account_deletions",
                column: "RequestedAt");

            migrationBuilder.CreateIndex(
                name: "IX_account_deletions_SubjectHash",
                table: "account_deletions",
                column: "SubjectHash");

            migrationBuilder.CreateIndex(
                name: "IX_account_deletions_UserId",
                table: "account_deletions",
                column: "UserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_token_revocations_RevokedAt",
                table: "token_revocations",
                column: "RevokedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_deletion_steps");

            migrationBuilder.DropTable(
                name: "token_revocations");

            migrationBuilder.DropTable(
                name: "account_deletions");

            migrationBuilder.DropColumn(
                name: "InactivityWarnedAt",
                table: "users");

            migrationBuilder.DropColumn(
                name: "LastActiveAt",
                table: "users");
        }
    }
}
