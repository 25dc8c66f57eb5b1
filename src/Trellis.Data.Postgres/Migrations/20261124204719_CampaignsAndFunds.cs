using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Trellis.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CampaignsAndFunds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "campaigns",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    goal = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false),
                    budget = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaigns", x => x.id);
                    table.ForeignKey(
                        name: "fk_campaigns_programs_program_id",
                        column: x => x.program_id,
                        principalTable: "programs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "campaign_assets",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    campaign_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaign_assets", x => x.id);
                    table.ForeignKey(
                        name: "fk_campaign_assets_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "campaign_links",
                columns: table => new
                {
                    link_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    campaign_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    program_id = table.Column<string>(type: "text", nullable: false),
                    enrollment_id = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaign_links", x => x.link_id);
                    table.ForeignKey(
                        name: "fk_campaign_links_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_campaign_links_links_link_id",
                        column: x => x.link_id,
                        principalTable: "links",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "campaign_partners",
                columns: table => new
                {
                    campaign_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    enrollment_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    program_id = table.Column<string>(type: "text", nullable: false),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaign_partners", x => new { x.campaign_id, x.enrollment_id });
                    table.ForeignKey(
                        name: "fk_campaign_partners_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_campaign_partners_enrollments_enrollment_id",
                        column: x => x.enrollment_id,
                        principalTable: "enrollments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fund_requests",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    enrollment_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    campaign_id = table.Column<string>(type: "character varying(40)", nullable: true),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    requested_amount = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    approved_amount = table.Column<long>(type: "bigint", nullable: true),
                    actual_cost = table.Column<long>(type: "bigint", nullable: true),
                    proof_urls = table.Column<List<string>>(type: "text[]", nullable: false),
                    paid_amount = table.Column<long>(type: "bigint", nullable: true),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    payment_reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    commission_entry_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    decided_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    claimed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    claim_decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fund_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_fund_requests_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_fund_requests_enrollments_enrollment_id",
                        column: x => x.enrollment_id,
                        principalTable: "enrollments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_fund_requests_programs_program_id",
                        column: x => x.program_id,
                        principalTable: "programs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_campaign_assets_campaign_id_id",
                table: "campaign_assets",
                columns: new[] { "campaign_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_campaign_links_campaign_id_enrollment_id",
                table: "campaign_links",
                columns: new[] { "campaign_id", "enrollment_id" });

            migrationBuilder.CreateIndex(
                name: "ix_campaign_partners_enrollment_id",
                table: "campaign_partners",
                column: "enrollment_id");

            migrationBuilder.CreateIndex(
                name: "ix_campaigns_program_id_id",
                table: "campaigns",
                columns: new[] { "program_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_fund_requests_campaign_id",
                table: "fund_requests",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_fund_requests_enrollment_id",
                table: "fund_requests",
                column: "enrollment_id");

            migrationBuilder.CreateIndex(
                name: "ix_fund_requests_program_id_status_id",
                table: "fund_requests",
                columns: new[] { "program_id", "status", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "campaign_assets");

            migrationBuilder.DropTable(
                name: "campaign_links");

            migrationBuilder.DropTable(
                name: "campaign_partners");

            migrationBuilder.DropTable(
                name: "fund_requests");

            migrationBuilder.DropTable(
                name: "campaigns");
        }
    }
}
