using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentLink.Auth.Infrastructure.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ArchiveName",
                table: "data_exports",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "data_exports",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "NextAttemptAt",
                table: "data_exports",
                type: "TEXT",
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
                type: "BLOB",
                nullable: true);
        }
    }
}
