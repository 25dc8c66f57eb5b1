using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Trellis.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RuleConditions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "referred_by_enrollment_id",
                table: "enrollments",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tier",
                table: "enrollments",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "capped_amount",
                table: "commissions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "rate_basis_points",
                table: "commissions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "referral_of_id",
                table: "commissions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "tier_step",
                table: "commissions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "cap_per_customer",
                table: "commission_rules",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "cap_per_enrollment_day",
                table: "commission_rules",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "cap_per_enrollment_month",
                table: "commission_rules",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "cap_per_enrollment_total",
                table: "commission_rules",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "customer_countries",
                table: "commission_rules",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "customer_status",
                table: "commission_rules",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "enrollment_id",
                table: "commission_rules",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "metadata_key",
                table: "commission_rules",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "metadata_value",
                table: "commission_rules",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "minimum_amount",
                table: "commission_rules",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "partner_type",
                table: "commission_rules",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "product_id",
                table: "commission_rules",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "referral_basis_points",
                table: "commission_rules",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "referral_months",
                table: "commission_rules",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tier",
                table: "commission_rules",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tier_basis",
                table: "commission_rules",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tier_period",
                table: "commission_rules",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tier_steps",
                table: "commission_rules",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_referred_by_enrollment_id",
                table: "enrollments",
                column: "referred_by_enrollment_id");

            migrationBuilder.CreateIndex(
                name: "ix_commissions_referral_of_id",
                table: "commissions",
                column: "referral_of_id");

            migrationBuilder.CreateIndex(
                name: "ix_commissions_rule_id_enrollment_id_earned_at",
                table: "commissions",
                columns: new[] { "rule_id", "enrollment_id", "earned_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_enrollments_referred_by_enrollment_id",
                table: "enrollments");

            migrationBuilder.DropIndex(
                name: "ix_commissions_referral_of_id",
                table: "commissions");

            migrationBuilder.DropIndex(
                name: "ix_commissions_rule_id_enrollment_id_earned_at",
                table: "commissions");

            migrationBuilder.DropColumn(
                name: "referred_by_enrollment_id",
                table: "enrollments");

            migrationBuilder.DropColumn(
                name: "tier",
                table: "enrollments");

            migrationBuilder.DropColumn(
                name: "capped_amount",
                table: "commissions");

            migrationBuilder.DropColumn(
                name: "rate_basis_points",
                table: "commissions");

            migrationBuilder.DropColumn(
                name: "referral_of_id",
                table: "commissions");

            migrationBuilder.DropColumn(
                name: "tier_step",
                table: "commissions");

            migrationBuilder.DropColumn(
                name: "cap_per_customer",
                table: "commission_rules");

            migrationBuilder.DropColumn(
                name: "cap_per_enrollment_day",
                table: "commission_rules");

            migrationBuilder.DropColumn(
                name: "cap_per_enrollment_month",
                table: "commission_rules");

            migrationBuilder.DropColumn(
                name: "cap_per_enrollment_total",
                table: "commission_rules");

            migrationBuilder.DropColumn(
                name: "customer_countries",
                table: "commission_rules");

            migrationBuilder.DropColumn(
                name: "customer_status",
                table: "commission_rules");

            migrationBuilder.DropColumn(
                name: "enrollment_id",
                table: "commission_rules");

            migrationBuilder.DropColumn(
                name: "metadata_key",
                table: "commission_rules");

            migrationBuilder.DropColumn(
                name: "metadata_value",
                table: "commission_rules");

            migrationBuilder.DropColumn(
                name: "minimum_amount",
                table: "commission_rules");

            migrationBuilder.DropColumn(
                name: "partner_type",
                table: "commission_rules");

            migrationBuilder.DropColumn(
                name: "product_id",
                table: "commission_rules");

            migrationBuilder.DropColumn(
                name: "referral_basis_points",
                table: "commission_rules");

            migrationBuilder.DropColumn(
                name: "referral_months",
                table: "commission_rules");

            migrationBuilder.DropColumn(
                name: "tier",
                table: "commission_rules");

            migrationBuilder.DropColumn(
                name: "tier_basis",
                table: "commission_rules");

            migrationBuilder.DropColumn(
                name: "tier_period",
                table: "commission_rules");

            migrationBuilder.DropColumn(
                name: "tier_steps",
                table: "commission_rules");
        }
    }
}
