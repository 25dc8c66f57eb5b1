using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Trellis.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RulesAndFraud : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "fraud_coupon_links_only",
                table: "programs",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "fraud_customer_of_another_partner",
                table: "programs",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "fraud_ip_max_conversions",
                table: "programs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "fraud_ip_window_hours",
                table: "programs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 24);

            migrationBuilder.AddColumn<int>(
                name: "fraud_min_click_seconds",
                table: "programs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<double>(
                name: "fraud_rate_anomaly_factor",
                table: "programs",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<int>(
                name: "fraud_rate_min_clicks",
                table: "programs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 50);

            migrationBuilder.AddColumn<bool>(
                name: "fraud_self_referral",
                table: "programs",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "referred_by_enrollment_id",
                table: "enrollments",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tier",
                table: "enrollments",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "capped_amount",
                table: "commissions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "rate_basis_points",
                table: "commissions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reason_code",
                table: "commissions",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "referral_of_id",
                table: "commissions",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "tier_step",
                table: "commissions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "cap_per_customer",
                table: "commission_rules",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "cap_per_enrollment_day",
                table: "commission_rules",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "cap_per_enrollment_month",
                table: "commission_rules",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "cap_per_enrollment_total",
                table: "commission_rules",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "customer_countries",
                table: "commission_rules",
                type: "TEXT",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "customer_status",
                table: "commission_rules",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "enrollment_id",
                table: "commission_rules",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "metadata_key",
                table: "commission_rules",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "metadata_value",
                table: "commission_rules",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "minimum_amount",
                table: "commission_rules",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "partner_type",
                table: "commission_rules",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "product_id",
                table: "commission_rules",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "referral_basis_points",
                table: "commission_rules",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "referral_months",
                table: "commission_rules",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tier",
                table: "commission_rules",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tier_basis",
                table: "commission_rules",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tier_period",
                table: "commission_rules",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tier_steps",
                table: "commission_rules",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "conversion_reviews",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", nullable: false),
                    conversion_id = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    resolved_at = table.Column<long>(type: "INTEGER", nullable: true),
                    actor_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    actor_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversion_reviews", x => x.id);
                    table.ForeignKey(
                        name: "fk_conversion_reviews_conversions_conversion_id",
                        column: x => x.conversion_id,
                        principalTable: "conversions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_conversion_reviews_programs_program_id",
                        column: x => x.program_id,
                        principalTable: "programs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "disputes",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", nullable: false),
                    enrollment_id = table.Column<string>(type: "TEXT", nullable: false),
                    conversion_id = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    resolved_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disputes", x => x.id);
                    table.ForeignKey(
                        name: "fk_disputes_conversions_conversion_id",
                        column: x => x.conversion_id,
                        principalTable: "conversions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_disputes_enrollments_enrollment_id",
                        column: x => x.enrollment_id,
                        principalTable: "enrollments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fraud_flags",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", nullable: false),
                    conversion_id = table.Column<string>(type: "TEXT", nullable: false),
                    enrollment_id = table.Column<string>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fraud_flags", x => x.id);
                    table.ForeignKey(
                        name: "fk_fraud_flags_conversions_conversion_id",
                        column: x => x.conversion_id,
                        principalTable: "conversions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_fraud_flags_enrollments_enrollment_id",
                        column: x => x.enrollment_id,
                        principalTable: "enrollments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "dispute_messages",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    dispute_id = table.Column<string>(type: "TEXT", nullable: false),
                    program_id = table.Column<string>(type: "TEXT", nullable: false),
                    enrollment_id = table.Column<string>(type: "TEXT", nullable: false),
                    author = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    actor_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    actor_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    decision = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dispute_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_dispute_messages_disputes_dispute_id",
                        column: x => x.dispute_id,
                        principalTable: "disputes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

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

            migrationBuilder.CreateIndex(
                name: "ix_conversion_reviews_conversion_id",
                table: "conversion_reviews",
                column: "conversion_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_conversion_reviews_program_id_status_id",
                table: "conversion_reviews",
                columns: new[] { "program_id", "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_dispute_messages_dispute_id",
                table: "dispute_messages",
                column: "dispute_id");

            migrationBuilder.CreateIndex(
                name: "ix_disputes_conversion_id",
                table: "disputes",
                column: "conversion_id");

            migrationBuilder.CreateIndex(
                name: "ix_disputes_enrollment_id_conversion_id",
                table: "disputes",
                columns: new[] { "enrollment_id", "conversion_id" });

            migrationBuilder.CreateIndex(
                name: "ix_disputes_program_id_status_id",
                table: "disputes",
                columns: new[] { "program_id", "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_fraud_flags_conversion_id_enrollment_id_code",
                table: "fraud_flags",
                columns: new[] { "conversion_id", "enrollment_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fraud_flags_enrollment_id",
                table: "fraud_flags",
                column: "enrollment_id");

            migrationBuilder.CreateIndex(
                name: "ix_fraud_flags_program_id_code",
                table: "fraud_flags",
                columns: new[] { "program_id", "code" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "conversion_reviews");

            migrationBuilder.DropTable(
                name: "dispute_messages");

            migrationBuilder.DropTable(
                name: "fraud_flags");

            migrationBuilder.DropTable(
                name: "disputes");

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
                name: "fraud_coupon_links_only",
                table: "programs");

            migrationBuilder.DropColumn(
                name: "fraud_customer_of_another_partner",
                table: "programs");

            migrationBuilder.DropColumn(
                name: "fraud_ip_max_conversions",
                table: "programs");

            migrationBuilder.DropColumn(
                name: "fraud_ip_window_hours",
                table: "programs");

            migrationBuilder.DropColumn(
                name: "fraud_min_click_seconds",
                table: "programs");

            migrationBuilder.DropColumn(
                name: "fraud_rate_anomaly_factor",
                table: "programs");

            migrationBuilder.DropColumn(
                name: "fraud_rate_min_clicks",
                table: "programs");

            migrationBuilder.DropColumn(
                name: "fraud_self_referral",
                table: "programs");

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
                name: "reason_code",
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
