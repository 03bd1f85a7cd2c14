using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentLink.Messaging.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LastMessageSendCheck : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
