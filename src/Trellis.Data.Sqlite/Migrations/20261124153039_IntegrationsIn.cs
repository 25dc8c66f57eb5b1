using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Trellis.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class IntegrationsIn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "inbound_events",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    conversion_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false),
                    refund_event_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    sale_event_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    refund_amount = table.Column<long>(type: "INTEGER", nullable: false),
                    refund_amount_is_total = table.Column<bool>(type: "INTEGER", nullable: false),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbound_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_inbound_events_programs_program_id",
                        column: x => x.program_id,
                        principalTable: "programs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "program_integrations",
                columns: table => new
                {
                    program_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    postback_token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    postback_token_prefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    publishable_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    stripe_webhook_secret = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    shopify_webhook_secret = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_program_integrations", x => x.program_id);
                    table.ForeignKey(
                        name: "fk_program_integrations_programs_program_id",
                        column: x => x.program_id,
                        principalTable: "programs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_inbound_events_program_id_sale_event_id_status",
                table: "inbound_events",
                columns: new[] { "program_id", "sale_event_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_inbound_events_program_id_source_external_id",
                table: "inbound_events",
                columns: new[] { "program_id", "source", "external_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inbound_events");

            migrationBuilder.DropTable(
                name: "program_integrations");
        }
    }
}
