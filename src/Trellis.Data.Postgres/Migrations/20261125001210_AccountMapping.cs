using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Trellis.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AccountMapping : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "account_map_settings",
                columns: table => new
                {
                    program_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    shares_customers = table.Column<bool>(type: "boolean", nullable: false),
                    shares_opportunities = table.Column<bool>(type: "boolean", nullable: false),
                    shares_prospects = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_map_settings", x => x.program_id);
                    table.ForeignKey(
                        name: "fk_account_map_settings_programs_program_id",
                        column: x => x.program_id,
                        principalTable: "programs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "account_maps",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    enrollment_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    secret = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    shares_customers = table.Column<bool>(type: "boolean", nullable: false),
                    shares_opportunities = table.Column<bool>(type: "boolean", nullable: false),
                    shares_prospects = table.Column<bool>(type: "boolean", nullable: false),
                    account_count = table.Column<int>(type: "integer", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_maps", x => x.id);
                    table.ForeignKey(
                        name: "fk_account_maps_enrollments_enrollment_id",
                        column: x => x.enrollment_id,
                        principalTable: "enrollments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_account_maps_programs_program_id",
                        column: x => x.program_id,
                        principalTable: "programs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "partner_accounts",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    enrollment_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    domain_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    @sealed = table.Column<string>(name: "sealed", type: "character varying(1024)", maxLength: 1024, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_partner_accounts", x => x.id);
                    table.ForeignKey(
                        name: "fk_partner_accounts_enrollments_enrollment_id",
                        column: x => x.enrollment_id,
                        principalTable: "enrollments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_partner_accounts_programs_program_id",
                        column: x => x.program_id,
                        principalTable: "programs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_account_maps_enrollment_id",
                table: "account_maps",
                column: "enrollment_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_account_maps_program_id",
                table: "account_maps",
                column: "program_id");

            migrationBuilder.CreateIndex(
                name: "ix_partner_accounts_enrollment_id_domain_key",
                table: "partner_accounts",
                columns: new[] { "enrollment_id", "domain_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_partner_accounts_program_id",
                table: "partner_accounts",
                column: "program_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_map_settings");

            migrationBuilder.DropTable(
                name: "account_maps");

            migrationBuilder.DropTable(
                name: "partner_accounts");
        }
    }
}
