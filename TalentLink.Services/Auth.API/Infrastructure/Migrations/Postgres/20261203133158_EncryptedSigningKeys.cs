using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentLink.Auth.Infrastructure.Migrations.Postgres
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
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ActivatesAt",
                table: "signing_keys",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<byte[]>(
                name: "Nonce",
                table: "signing_keys",
                type: "bytea",
                maxLength: 12,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "ProtectedPrivateKey",
                table: "signing_keys",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProtectionKeyId",
                table: "signing_keys",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "Salt",
                table: "signing_keys",
                type: "bytea",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "Tag",
                table: "signing_keys",
                type: "bytea",
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
                type: "text",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);
        }
    }
}
