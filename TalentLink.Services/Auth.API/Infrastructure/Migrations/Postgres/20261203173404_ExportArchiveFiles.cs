using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentLink.Auth.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ExportArchiveFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Archives move from this table to files: a ready export loses its blob, so it shows as expired (ask again).
            migrationBuilder.Sql("UPDATE data_exports SET \"Status\" = 'expired' WHERE \"Status\" = 'ready';");

            migrationBuilder.DropColumn(
                name: "Archive",
                table: "data_exports");

            migrationBuilder.AddColumn<long>(
                name: "ArchiveBytes",
                table: "data_exports",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ArchiveName",
                table: "data_exports",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "data_exports",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NextAttemptAt",
                table: "data_exports",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ArchiveBytes",
                table: "data_exports");

            migrationBuilder.DropColumn(
                name: "ArchiveName",
                table: "data_exports");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "data_exports");

            migrationBuilder.DropColumn(
                name: "NextAttemptAt",
                table: "data_exports");

            migrationBuilder.AddColumn<byte[]>(
                name: "Archive",
                table: "data_exports",
                type: "bytea",
                nullable: true);
        }
    }
}
