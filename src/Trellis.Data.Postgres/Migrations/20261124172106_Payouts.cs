using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Trellis.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Payouts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "payout_schedule",
                table: "programs",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "Manual");

            migrationBuilder.AddColumn<string>(
                name: "actor_id",
                table: "commissions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "actor_name",
                table: "commissions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "payout_id",
                table: "commissions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reason",
                table: "commissions",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "partner_payout_details",
                columns: table => new
                {
                    partner_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    method = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    paypal_email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    iban = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: true),
                    bic = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: true),
                    account_holder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    instructions = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_partner_payout_details", x => x.partner_id);
                    table.ForeignKey(
                        name: "fk_partner_payout_details_partners_partner_id",
                        column: x => x.partner_id,
                        principalTable: "partners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payout_batches",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    trigger = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    schedule_key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payout_batches", x => x.id);
                    table.ForeignKey(
                        name: "fk_payout_batches_programs_program_id",
                        column: x => x.program_id,
                        principalTable: "programs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payouts",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    batch_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    enrollment_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    entry_count = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    external_reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    processing_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    failed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    canceled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payouts", x => x.id);
                    table.ForeignKey(
                        name: "fk_payouts_enrollments_enrollment_id",
                        column: x => x.enrollment_id,
                        principalTable: "enrollments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payouts_payout_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "payout_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payouts_programs_program_id",
                        column: x => x.program_id,
                        principalTable: "programs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_commissions_enrollment_id_created_at",
                table: "commissions",
                columns: new[] { "enrollment_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_commissions_payout_id",
                table: "commissions",
                column: "payout_id");

            migrationBuilder.CreateIndex(
                name: "ix_commissions_program_id_created_at",
                table: "commissions",
                columns: new[] { "program_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_commissions_program_id_status",
                table: "commissions",
                columns: new[] { "program_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_payout_batches_program_id_schedule_key",
                table: "payout_batches",
                columns: new[] { "program_id", "schedule_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payouts_batch_id",
                table: "payouts",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_payouts_enrollment_id",
                table: "payouts",
                column: "enrollment_id");

            migrationBuilder.CreateIndex(
                name: "ix_payouts_program_id_status",
                table: "payouts",
                columns: new[] { "program_id", "status" });

            migrationBuilder.AddForeignKey(
                name: "fk_commissions_payouts_payout_id",
                table: "commissions",
                column: "payout_id",
                principalTable: "payouts",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_commissions_payouts_payout_id",
                table: "commissions");

            migrationBuilder.DropTable(
                name: "partner_payout_details");

            migrationBuilder.DropTable(
                name: "payouts");

            migrationBuilder.DropTable(
                name: "payout_batches");

            migrationBuilder.DropIndex(
                name: "ix_commissions_enrollment_id_created_at",
                table: "commissions");

            migrationBuilder.DropIndex(
                name: "ix_commissions_payout_id",
                table: "commissions");

            migrationBuilder.DropIndex(
                name: "ix_commissions_program_id_created_at",
                table: "commissions");

            migrationBuilder.DropIndex(
                name: "ix_commissions_program_id_status",
                table: "commissions");

            migrationBuilder.DropColumn(
                name: "payout_schedule",
                table: "programs");

            migrationBuilder.DropColumn(
                name: "actor_id",
                table: "commissions");

            migrationBuilder.DropColumn(
                name: "actor_name",
                table: "commissions");

            migrationBuilder.DropColumn(
                name: "payout_id",
                table: "commissions");

            migrationBuilder.DropColumn(
                name: "reason",
                table: "commissions");
        }
    }
}
