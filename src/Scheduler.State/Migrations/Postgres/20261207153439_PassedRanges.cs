using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scheduler.State.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PassedRanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PassedCount",
                table: "Runs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PassedToUtc",
                table: "Runs",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PassedCount",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "PassedToUtc",
                table: "Runs");
        }
    }
}
