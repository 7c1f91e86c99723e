using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scheduler.State.Migrations
{
    /// <inheritdoc />
    public partial class Pauses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Pauses",
                columns: table => new
                {
                    Target = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    SinceUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    UntilUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    DefinitionHash = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    RunId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Pauses", x => x.Target);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Pauses");
        }
    }
}
