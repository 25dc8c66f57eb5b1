using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Trellis.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DealsAndOpportunities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "deal_protection_days",
                table: "programs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 90);

            migrationBuilder.CreateTable(
                name: "company_accounts",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", nullable: false),
                    domain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_company_accounts", x => x.id);
                    table.ForeignKey(
                        name: "fk_company_accounts_programs_program_id",
                        column: x => x.program_id,
                        principalTable: "programs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "deals",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", nullable: false),
                    enrollment_id = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    company = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    domain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    contact_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    contact_email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    value = table.Column<long>(type: "INTEGER", nullable: true),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    expected_close_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    submitted_by = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    protected_until = table.Column<long>(type: "INTEGER", nullable: true),
                    decision_note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: true),
                    won_value = table.Column<long>(type: "INTEGER", nullable: true),
                    closed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    conversion_id = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deals", x => x.id);
                    table.ForeignKey(
                        name: "fk_deals_conversions_conversion_id",
                        column: x => x.conversion_id,
                        principalTable: "conversions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_deals_enrollments_enrollment_id",
                        column: x => x.enrollment_id,
                        principalTable: "enrollments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_deals_programs_program_id",
                        column: x => x.program_id,
                        principalTable: "programs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "opportunities",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    domain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    value = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    stage = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    opened_at = table.Column<long>(type: "INTEGER", nullable: false),
                    closed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_opportunities", x => x.id);
                    table.ForeignKey(
                        name: "fk_opportunities_programs_program_id",
                        column: x => x.program_id,
                        principalTable: "programs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "deal_conflicts",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    deal_id = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    other_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    explanation = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deal_conflicts", x => x.id);
                    table.ForeignKey(
                        name: "fk_deal_conflicts_deals_deal_id",
                        column: x => x.deal_id,
                        principalTable: "deals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "opportunity_touches",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", nullable: false),
                    opportunity_id = table.Column<string>(type: "TEXT", nullable: false),
                    enrollment_id = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    submitted_by = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_opportunity_touches", x => x.id);
                    table.ForeignKey(
                        name: "fk_opportunity_touches_enrollments_enrollment_id",
                        column: x => x.enrollment_id,
                        principalTable: "enrollments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_opportunity_touches_opportunities_opportunity_id",
                        column: x => x.opportunity_id,
                        principalTable: "opportunities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_company_accounts_program_id_domain",
                table: "company_accounts",
                columns: new[] { "program_id", "domain" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_deal_conflicts_deal_id",
                table: "deal_conflicts",
                column: "deal_id");

            migrationBuilder.CreateIndex(
                name: "ix_deals_conversion_id",
                table: "deals",
                column: "conversion_id");

            migrationBuilder.CreateIndex(
                name: "ix_deals_enrollment_id",
                table: "deals",
                column: "enrollment_id");

            migrationBuilder.CreateIndex(
                name: "ix_deals_program_id_domain",
                table: "deals",
                columns: new[] { "program_id", "domain" });

            migrationBuilder.CreateIndex(
                name: "ix_deals_program_id_status_id",
                table: "deals",
                columns: new[] { "program_id", "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_program_id_domain",
                table: "opportunities",
                columns: new[] { "program_id", "domain" });

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_program_id_id",
                table: "opportunities",
                columns: new[] { "program_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_opportunity_touches_enrollment_id",
                table: "opportunity_touches",
                column: "enrollment_id");

            migrationBuilder.CreateIndex(
                name: "ix_opportunity_touches_opportunity_id",
                table: "opportunity_touches",
                column: "opportunity_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "company_accounts");

            migrationBuilder.DropTable(
                name: "deal_conflicts");

            migrationBuilder.DropTable(
                name: "opportunity_touches");

            migrationBuilder.DropTable(
                name: "deals");

            migrationBuilder.DropTable(
                name: "opportunities");

            migrationBuilder.DropColumn(
                name: "deal_protection_days",
                table: "programs");
        }
    }
}
