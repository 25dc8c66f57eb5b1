using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Trellis.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class TiersAndPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "ix_enrollment_tiers_program_id_tier_id",
                table: "enrollment_tiers",
                columns: new[] { "program_id", "tier_id" });

            migrationBuilder.CreateIndex(
                name: "ix_enrollment_tiers_tier_id",
                table: "enrollment_tiers",
                column: "tier_id");

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
                name: "enrollment_tiers");

            migrationBuilder.DropTable(
                name: "partner_achievements");

            migrationBuilder.DropTable(
                name: "partner_plans");

            migrationBuilder.DropTable(
                name: "tier_changes");

            migrationBuilder.DropTable(
                name: "tier_settings");

            migrationBuilder.DropTable(
                name: "program_tiers");
        }
    }
}
