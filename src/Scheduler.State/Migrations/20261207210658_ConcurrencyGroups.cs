using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scheduler.State.Migrations
{
    /// <inheritdoc />
    public partial class ConcurrencyGroups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ConcurrencyGroup",
                table: "Runs",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Runs_ConcurrencyGroup_Status",
                table: "Runs",
                columns: new[] { "ConcurrencyGroup", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Runs_ConcurrencyGroup_Status",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "ConcurrencyGroup",
                table: "Runs");
        }
    }
}
