using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scheduler.State.Migrations
{
    /// <inheritdoc />
    public partial class Chains : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "UpstreamRunIds",
                table: "Runs",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Runs_TaskId_UpstreamRunIds_Attempt",
                table: "Runs",
                columns: new[] { "TaskId", "UpstreamRunIds", "Attempt" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Runs_TaskId_UpstreamRunIds_Attempt",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "UpstreamRunIds",
                table: "Runs");
        }
    }
}
