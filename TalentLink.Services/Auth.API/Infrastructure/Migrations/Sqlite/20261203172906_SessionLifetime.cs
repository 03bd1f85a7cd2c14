using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentLink.Auth.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SessionLifetime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SessionExpiresAt",
                table: "refresh_tokens",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            // Sessions open before this migration end when their current refresh token would have expired.
            migrationBuilder.Sql("UPDATE refresh_tokens SET \"SessionExpiresAt\" = \"ExpiresAt\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SessionExpiresAt",
                table: "refresh_tokens");
        }
    }
}
