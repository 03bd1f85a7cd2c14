using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentLink.Offers.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "offers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecruiterId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LocationNormalized = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Remote = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ContractType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SalaryMin = table.Column<int>(type: "INTEGER", nullable: false),
                    SalaryMax = table.Column<int>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CompanyName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CompanyUnavailable = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<string>(type: "TEXT", nullable: false),
                    PublishedAt = table.Column<string>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<string>(type: "TEXT", nullable: true),
                    HiddenAt = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_offers", x => x.Id);
                    table.CheckConstraint("CK_offers_salary_range", "\"SalaryMin\" <= \"SalaryMax\"");
                });

            migrationBuilder.CreateTable(
                name: "applications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfferId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CandidateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CoverLetterText = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    SubmittedAt = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_applications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_applications_offers_OfferId",
                        column: x => x.OfferId,
                        principalTable: "offers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "offer_skills",
                columns: table => new
                {
                    OfferId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_offer_skills", x => new { x.OfferId, x.Name });
                    table.ForeignKey(
                        name: "FK_offer_skills_offers_OfferId",
                        column: x => x.OfferId,
                        principalTable: "offers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "application_files",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StoredName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OriginalName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedAt = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_application_files", x => x.Id);
                    table.ForeignKey(
                        name: "FK_application_files_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "application_status_changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ToStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ChangedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChangedAt = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_application_status_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_application_status_changes_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_application_files_ApplicationId_Kind",
                table: "application_files",
                columns: new[] { "ApplicationId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_application_files_StoredName",
                table: "application_files",
                column: "StoredName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_application_status_changes_ApplicationId_ChangedAt",
                table: "application_status_changes",
                columns: new[] { "ApplicationId", "ChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_applications_CandidateId_SubmittedAt",
                table: "applications",
                columns: new[] { "CandidateId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_applications_OfferId_CandidateId",
                table: "applications",
                columns: new[] { "OfferId", "CandidateId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_offer_skills_Name",
                table: "offer_skills",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_offers_RecruiterId_CreatedAt",
                table: "offers",
                columns: new[] { "RecruiterId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_offers_search_by_id",
                table: "offers",
                columns: new[] { "Id", "Status", "HiddenAt", "PublishedAt", "SalaryMax", "SalaryMin", "Currency", "Remote", "ContractType", "LocationNormalized" });

            migrationBuilder.CreateIndex(
                name: "IX_offers_search_newest",
                table: "offers",
                columns: new[] { "PublishedAt", "Id", "SalaryMin", "SalaryMax", "Currency", "Remote", "ContractType", "LocationNormalized" },
                filter: "\"Status\" = 'published' AND \"HiddenAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_offers_search_salary",
                table: "offers",
                columns: new[] { "SalaryMax", "PublishedAt", "Id", "SalaryMin", "Currency", "Remote", "ContractType", "LocationNormalized" },
                filter: "\"Status\" = 'published' AND \"HiddenAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "application_files");

            migrationBuilder.DropTable(
                name: "application_status_changes");

            migrationBuilder.DropTable(
                name: "offer_skills");

            migrationBuilder.DropTable(
                name: "applications");

            migrationBuilder.DropTable(
                name: "offers");
        }
    }
}
