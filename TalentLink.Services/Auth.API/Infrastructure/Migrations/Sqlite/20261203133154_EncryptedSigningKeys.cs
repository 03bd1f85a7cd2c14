using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentLink.Auth.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EncryptedSigningKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "PrivateKeyPem",
                table: "signing_keys",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT");

            migrationBuilder.AddColumn<string>(
                name: "ActivatesAt",
                table: "signing_keys",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<byte[]>(
                name: "Nonce",
                table: "signing_keys",
                type: "BLOB",
                maxLength: 12,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "ProtectedPrivateKey",
                table: "signing_keys",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProtectionKeyId",
                table: "signing_keys",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "Salt",
                table: "signing_keys",
                type: "BLOB",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "Tag",
                table: "signing_keys",
                type: "BLOB",
                maxLength: 16,
                nullable: true);

            // Keys from before rotation signed from the moment they were created.
            migrationBuilder.Sql("UPDATE signing_keys SET \"ActivatesAt\" = \"CreatedAt\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ActivatesAt",
                table: "signing_keys");

            migrationBuilder.DropColumn(
                name: "Nonce",
                table: "signing_keys");

            migrationBuilder.DropColumn(
                name: "ProtectedPrivateKey",
                table: "signing_keys");

            migrationBuilder.DropColumn(
                name: "ProtectionKeyId",
                table: "signing_keys");

            migrationBuilder.DropColumn(
                name: "Salt",
                table: "signing_keys");

            migrationBuilder.DropColumn(
                name: "Tag",
                table: "signing_keys");

            migrationBuilder.AlterColumn<string>(
                name: "PrivateKeyPem",
                table: "signing_keys",
                type: "TEXT",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
