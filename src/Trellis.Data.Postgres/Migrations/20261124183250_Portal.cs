using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Trellis.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Portal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "application_questions",
                table: "programs",
                type: "text[]",
                nullable: false);

            migrationBuilder.AddColumn<string>(
                name: "website",
                table: "partners",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "application_json",
                table: "enrollments",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "application_questions",
                table: "programs");

            migrationBuilder.DropColumn(
                name: "website",
                table: "partners");

            migrationBuilder.DropColumn(
                name: "application_json",
                table: "enrollments");
        }
    }
}
