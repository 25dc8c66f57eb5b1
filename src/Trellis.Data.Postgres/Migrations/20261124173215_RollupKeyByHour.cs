using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Trellis.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RollupKeyByHour : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_click_rollups",
                table: "click_rollups");

            migrationBuilder.DropIndex(
                name: "ix_click_rollups_program_id_hour",
                table: "click_rollups");

            migrationBuilder.AddPrimaryKey(
                name: "pk_click_rollups",
                table: "click_rollups",
                columns: new[] { "program_id", "hour", "enrollment_id", "link_id", "country", "device_class", "is_human" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_click_rollups",
                table: "click_rollups");

            migrationBuilder.AddPrimaryKey(
                name: "pk_click_rollups",
                table: "click_rollups",
                columns: new[] { "program_id", "enrollment_id", "link_id", "hour", "country", "device_class", "is_human" });

            migrationBuilder.CreateIndex(
                name: "ix_click_rollups_program_id_hour",
                table: "click_rollups",
                columns: new[] { "program_id", "hour" });
        }
    }
}
