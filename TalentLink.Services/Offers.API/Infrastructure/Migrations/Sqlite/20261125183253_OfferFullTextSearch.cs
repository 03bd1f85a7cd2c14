using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentLink.Offers.Infrastructure.Migrations.Sqlite
{
    /// <summary>
    /// Full-text search on SQLite: a contentless FTS5 index over offer titles and descriptions (the
    /// text lives once, in <c>offers</c>; the index only answers "which keys match"), kept in step by
    /// triggers. FTS rows are keyed by <c>offer_search_keys."Key"</c>, an INTEGER PRIMARY KEY that
    /// VACUUM never renumbers (the implicit rowid of <c>offers</c> could change). Neither table is in
    /// the EF model: they are derived data, rebuilt from <c>offers</c> by this migration.
    /// </summary>
    public partial class OfferFullTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE offer_search_keys (
                    "Key" INTEGER PRIMARY KEY,
                    "OfferId" TEXT NOT NULL UNIQUE
                );
                """);
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE offers_fts USING fts5(
                    title, description, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER offers_fts_after_insert AFTER INSERT ON offers BEGIN
                    INSERT INTO offer_search_keys ("OfferId") VALUES (new."Id");
                    INSERT INTO offers_fts (rowid, title, description)
                        VALUES ((SELECT "Key" FROM offer_search_keys WHERE "OfferId" = new."Id"), new."Title", new."Description");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER offers_fts_after_update AFTER UPDATE OF "Title", "Description" ON offers BEGIN
                    UPDATE offers_fts SET title = new."Title", description = new."Description"
                        WHERE rowid = (SELECT "Key" FROM offer_search_keys WHERE "OfferId" = new."Id");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER offers_fts_after_delete AFTER DELETE ON offers BEGIN
                    DELETE FROM offers_fts WHERE rowid = (SELECT "Key" FROM offer_search_keys WHERE "OfferId" = old."Id");
                    DELETE FROM offer_search_keys WHERE "OfferId" = old."Id";
                END;
                """);

            // Offers written before this migration (none on a fresh database) are indexed too.
            migrationBuilder.Sql("""
                INSERT INTO offer_search_keys ("OfferId") SELECT "Id" FROM offers;
                INSERT INTO offers_fts (rowid, title, description)
                    SELECT k."Key", o."Title", o."Description" FROM offers AS o JOIN offer_search_keys AS k ON k."OfferId" = o."Id";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS offers_fts_after_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS offers_fts_after_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS offers_fts_after_insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS offers_fts;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS offer_search_keys;");
        }
    }
}
