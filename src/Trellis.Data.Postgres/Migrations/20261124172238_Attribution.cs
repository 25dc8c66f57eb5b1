using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Trellis.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Attribution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "attribution_model",
                table: "programs",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<double>(
                name: "time_decay_half_life_days",
                table: "programs",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "attribution_half_life_days",
                table: "conversions",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "attribution_model",
                table: "conversions",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "exchange_rate",
                table: "conversions",
                type: "numeric(38,20)",
                precision: 38,
                scale: 20,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "original_amount",
                table: "conversions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "original_currency",
                table: "conversions",
                type: "character varying(3)",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "credit_basis_points",
                table: "commissions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "exchange_rate",
                table: "commissions",
                type: "numeric(38,20)",
                precision: 38,
                scale: 20,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "original_amount",
                table: "commissions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "original_currency",
                table: "commissions",
                type: "character varying(3)",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "attribution_model",
                table: "commission_rules",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "conversion_credits",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "text", nullable: false),
                    conversion_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    enrollment_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    basis_points = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversion_credits", x => x.id);
                    table.ForeignKey(
                        name: "fk_conversion_credits_conversions_conversion_id",
                        column: x => x.conversion_id,
                        principalTable: "conversions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_conversion_credits_enrollments_enrollment_id",
                        column: x => x.enrollment_id,
                        principalTable: "enrollments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "conversion_touchpoints",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "text", nullable: false),
                    conversion_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    customer_id = table.Column<string>(type: "text", nullable: true),
                    enrollment_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    click_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    link_id = table.Column<string>(type: "text", nullable: true),
                    coupon_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    basis_points = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversion_touchpoints", x => x.id);
                    table.ForeignKey(
                        name: "fk_conversion_touchpoints_conversions_conversion_id",
                        column: x => x.conversion_id,
                        principalTable: "conversions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_conversion_touchpoints_enrollments_enrollment_id",
                        column: x => x.enrollment_id,
                        principalTable: "enrollments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "exchange_rates",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    @base = table.Column<string>(name: "base", type: "character varying(3)", maxLength: 3, nullable: false),
                    quote = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    rate = table.Column<decimal>(type: "numeric(38,20)", precision: 38, scale: 20, nullable: false),
                    valid_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exchange_rates", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_conversion_credits_conversion_id_enrollment_id",
                table: "conversion_credits",
                columns: new[] { "conversion_id", "enrollment_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_conversion_credits_enrollment_id",
                table: "conversion_credits",
                column: "enrollment_id");

            migrationBuilder.CreateIndex(
                name: "ix_conversion_touchpoints_conversion_id_position",
                table: "conversion_touchpoints",
                columns: new[] { "conversion_id", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_conversion_touchpoints_customer_id",
                table: "conversion_touchpoints",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_conversion_touchpoints_enrollment_id",
                table: "conversion_touchpoints",
                column: "enrollment_id");

            migrationBuilder.CreateIndex(
                name: "ix_exchange_rates_base_quote_valid_from",
                table: "exchange_rates",
                columns: new[] { "base", "quote", "valid_from" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "conversion_credits");

            migrationBuilder.DropTable(
                name: "conversion_touchpoints");

            migrationBuilder.DropTable(
                name: "exchange_rates");

            migrationBuilder.DropColumn(
                name: "attribution_model",
                table: "programs");

            migrationBuilder.DropColumn(
                name: "time_decay_half_life_days",
                table: "programs");

            migrationBuilder.DropColumn(
                name: "attribution_half_life_days",
                table: "conversions");

            migrationBuilder.DropColumn(
                name: "attribution_model",
                table: "conversions");

            migrationBuilder.DropColumn(
                name: "exchange_rate",
                table: "conversions");

            migrationBuilder.DropColumn(
                name: "original_amount",
                table: "conversions");

            migrationBuilder.DropColumn(
                name: "original_currency",
                table: "conversions");

            migrationBuilder.DropColumn(
                name: "credit_basis_points",
                table: "commissions");

            migrationBuilder.DropColumn(
                name: "exchange_rate",
                table: "commissions");

            migrationBuilder.DropColumn(
                name: "original_amount",
                table: "commissions");

            migrationBuilder.DropColumn(
                name: "original_currency",
                table: "commissions");

            migrationBuilder.DropColumn(
                name: "attribution_model",
                table: "commission_rules");
        }
    }
}
