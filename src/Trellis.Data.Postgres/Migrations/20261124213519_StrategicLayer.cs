using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Trellis.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class StrategicLayer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "deal_protection_days",
                table: "programs",
                type: "integer",
                nullable: false,
                defaultValue: 90);

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
                name: "company_accounts",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    domain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    enrollment_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    company = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    domain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    contact_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    contact_email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    value = table.Column<long>(type: "bigint", nullable: true),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    expected_close_on = table.Column<DateOnly>(type: "date", nullable: true),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    submitted_by = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    protected_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decision_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    won_value = table.Column<long>(type: "bigint", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    conversion_id = table.Column<string>(type: "character varying(40)", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    domain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    value = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    stage = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                name: "partner_achievements",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "text", nullable: false),
                    enrollment_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    achieved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_partner_achievements", x => x.id);
                    table.ForeignKey(
                        name: "fk_partner_achievements_enrollments_enrollment_id",
                        column: x => x.enrollment_id,
                        principalTable: "enrollments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "partner_plans",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "text", nullable: false),
                    enrollment_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    target_sourced_revenue = table.Column<long>(type: "bigint", nullable: true),
                    target_deals_won = table.Column<int>(type: "integer", nullable: true),
                    target_campaigns = table.Column<int>(type: "integer", nullable: true),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_partner_plans", x => x.id);
                    table.ForeignKey(
                        name: "fk_partner_plans_enrollments_enrollment_id",
                        column: x => x.enrollment_id,
                        principalTable: "enrollments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "program_tiers",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    rank = table.Column<int>(type: "integer", nullable: false),
                    period_days = table.Column<int>(type: "integer", nullable: false),
                    min_sourced_revenue = table.Column<long>(type: "bigint", nullable: false),
                    min_won_deals = table.Column<int>(type: "integer", nullable: false),
                    min_attributed_sales = table.Column<int>(type: "integer", nullable: false),
                    min_attributed_revenue = table.Column<long>(type: "bigint", nullable: false),
                    required_achievements = table.Column<List<string>>(type: "text[]", nullable: false),
                    mdf_eligible = table.Column<bool>(type: "boolean", nullable: false),
                    protection_days = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_program_tiers", x => x.id);
                    table.ForeignKey(
                        name: "fk_program_tiers_programs_program_id",
                        column: x => x.program_id,
                        principalTable: "programs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "tier_changes",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "text", nullable: false),
                    enrollment_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    from_tier_id = table.Column<string>(type: "text", nullable: true),
                    from_tier_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    to_tier_id = table.Column<string>(type: "text", nullable: true),
                    to_tier_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    manual = table.Column<bool>(type: "boolean", nullable: false),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tier_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_tier_changes_enrollments_enrollment_id",
                        column: x => x.enrollment_id,
                        principalTable: "enrollments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "tier_settings",
                columns: table => new
                {
                    program_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    grace_days = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tier_settings", x => x.program_id);
                    table.ForeignKey(
                        name: "fk_tier_settings_programs_program_id",
                        column: x => x.program_id,
                        principalTable: "programs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
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

            migrationBuilder.CreateTable(
                name: "deal_conflicts",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    deal_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    other_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    explanation = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
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
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "text", nullable: false),
                    opportunity_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    enrollment_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    submitted_by = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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

            migrationBuilder.CreateTable(
                name: "enrollment_tiers",
                columns: table => new
                {
                    enrollment_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    program_id = table.Column<string>(type: "text", nullable: false),
                    tier_id = table.Column<string>(type: "character varying(40)", nullable: true),
                    failing_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    pinned = table.Column<bool>(type: "boolean", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    evaluated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enrollment_tiers", x => x.enrollment_id);
                    table.ForeignKey(
                        name: "fk_enrollment_tiers_enrollments_enrollment_id",
                        column: x => x.enrollment_id,
                        principalTable: "enrollments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_enrollment_tiers_tiers_tier_id",
                        column: x => x.tier_id,
                        principalTable: "program_tiers",
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
                name: "ix_enrollment_tiers_program_id_tier_id",
                table: "enrollment_tiers",
                columns: new[] { "program_id", "tier_id" });

            migrationBuilder.CreateIndex(
                name: "ix_enrollment_tiers_tier_id",
                table: "enrollment_tiers",
                column: "tier_id");

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

            migrationBuilder.CreateIndex(
                name: "ix_partner_achievements_enrollment_id",
                table: "partner_achievements",
                column: "enrollment_id");

            migrationBuilder.CreateIndex(
                name: "ix_partner_achievements_program_id_enrollment_id_id",
                table: "partner_achievements",
                columns: new[] { "program_id", "enrollment_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_partner_plans_enrollment_id",
                table: "partner_plans",
                column: "enrollment_id");

            migrationBuilder.CreateIndex(
                name: "ix_partner_plans_program_id_enrollment_id_id",
                table: "partner_plans",
                columns: new[] { "program_id", "enrollment_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_program_tiers_program_id_name",
                table: "program_tiers",
                columns: new[] { "program_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_program_tiers_program_id_rank",
                table: "program_tiers",
                columns: new[] { "program_id", "rank" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tier_changes_enrollment_id",
                table: "tier_changes",
                column: "enrollment_id");

            migrationBuilder.CreateIndex(
                name: "ix_tier_changes_program_id_enrollment_id_id",
                table: "tier_changes",
                columns: new[] { "program_id", "enrollment_id", "id" });
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
                name: "company_accounts");

            migrationBuilder.DropTable(
                name: "deal_conflicts");

            migrationBuilder.DropTable(
                name: "enrollment_tiers");

            migrationBuilder.DropTable(
                name: "fund_requests");

            migrationBuilder.DropTable(
                name: "opportunity_touches");

            migrationBuilder.DropTable(
                name: "partner_achievements");

            migrationBuilder.DropTable(
                name: "partner_plans");

            migrationBuilder.DropTable(
                name: "tier_changes");

            migrationBuilder.DropTable(
                name: "tier_settings");

            migrationBuilder.DropTable(
                name: "deals");

            migrationBuilder.DropTable(
                name: "program_tiers");

            migrationBuilder.DropTable(
                name: "campaigns");

            migrationBuilder.DropTable(
                name: "opportunities");

            migrationBuilder.DropColumn(
                name: "deal_protection_days",
                table: "programs");
        }
    }
}
