using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccountAdmin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class UserSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every user by any fragment of their name or e-mail (the support console, the agency's people, the audit
            // log's users across accounts), through the same kind of trigram index as MembershipSearch, kept in step by
            // triggers in each change's own transaction. EF's model can't describe these: MigrationSchemaTests checks them.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "UserSearch" USING fts5("NameKey", content='AspNetUsers', content_rowid='rowid', tokenize='trigram');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AspNetUsers_Search_Insert" AFTER INSERT ON "AspNetUsers" BEGIN
                    INSERT INTO "UserSearch" (rowid, "NameKey") VALUES (new.rowid, new."NameKey");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AspNetUsers_Search_Delete" AFTER DELETE ON "AspNetUsers" BEGIN
                    INSERT INTO "UserSearch" ("UserSearch", rowid, "NameKey") VALUES ('delete', old.rowid, old."NameKey");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AspNetUsers_Search_Update" AFTER UPDATE OF "NameKey" ON "AspNetUsers" BEGIN
                    INSERT INTO "UserSearch" ("UserSearch", rowid, "NameKey") VALUES ('delete', old.rowid, old."NameKey");
                    INSERT INTO "UserSearch" (rowid, "NameKey") VALUES (new.rowid, new."NameKey");
                END;
                """);
            migrationBuilder.Sql("""INSERT INTO "UserSearch" ("UserSearch") VALUES ('rebuild');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "AspNetUsers_Search_Update";""");
            migrationBuilder.Sql("""DROP TRIGGER "AspNetUsers_Search_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER "AspNetUsers_Search_Insert";""");
            migrationBuilder.Sql("""DROP TABLE "UserSearch";""");
        }
    }
}
