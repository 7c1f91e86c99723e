using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scheduler.State.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LeanRunIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Runs_ConcurrencyGroup_Status",
                table: "Runs");

            migrationBuilder.DropIndex(
                name: "IX_Runs_TaskId_UpstreamRunIds_Attempt",
                table: "Runs");

            migrationBuilder.CreateIndex(
                name: "IX_Runs_ConcurrencyGroup_Status",
                table: "Runs",
                columns: new[] { "ConcurrencyGroup", "Status" },
                filter: "\"ConcurrencyGroup\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Runs_TaskId_UpstreamRunIds_Attempt",
                table: "Runs",
                columns: new[] { "TaskId", "UpstreamRunIds", "Attempt" },
                unique: true,
                filter: "\"UpstreamRunIds\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Runs_ConcurrencyGroup_Status",
                table: "Runs");

            migrationBuilder.DropIndex(
                name: "IX_Runs_TaskId_UpstreamRunIds_Attempt",
                table: "Runs");

            migrationBuilder.CreateIndex(
                name: "IX_Runs_ConcurrencyGroup_Status",
                table: "Runs",
                columns: new[] { "ConcurrencyGroup", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_TaskId_UpstreamRunIds_Attempt",
                table: "Runs",
                columns: new[] { "TaskId", "UpstreamRunIds", "Attempt" },
                unique: true);
        }
    }
}
