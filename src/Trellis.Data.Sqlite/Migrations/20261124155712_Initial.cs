using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Trellis.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    prefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    scopes = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    partner_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    entity_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    entity_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    changes_json = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "click_rollups",
                columns: table => new
                {
                    program_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    enrollment_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    link_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    hour = table.Column<long>(type: "INTEGER", nullable: false),
                    country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    device_class = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    is_human = table.Column<bool>(type: "INTEGER", nullable: false),
                    clicks = table.Column<long>(type: "INTEGER", nullable: false),
                    unique_clicks = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_click_rollups", x => new { x.program_id, x.enrollment_id, x.link_id, x.hour, x.country, x.device_class, x.is_human });
                });

            migrationBuilder.CreateTable(
                name: "clicks",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", nullable: false),
                    link_id = table.Column<string>(type: "TEXT", nullable: false),
                    enrollment_id = table.Column<string>(type: "TEXT", nullable: false),
                    clicked_at = table.Column<long>(type: "INTEGER", nullable: false),
                    ip_key = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    user_agent = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    referrer_host = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    device_class = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    browser = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    os = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    is_bot = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_duplicate = table.Column<bool>(type: "INTEGER", nullable: false),
                    sub1 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    sub2 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    sub3 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    sub4 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    sub5 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    utm_source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    utm_medium = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    utm_campaign = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    utm_term = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    utm_content = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_clicks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "partners",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_partners", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "programs",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    allowed_domains = table.Column<string>(type: "TEXT", nullable: false),
                    default_url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    attribution_window_days = table.Column<int>(type: "INTEGER", nullable: false),
                    hold_days = table.Column<int>(type: "INTEGER", nullable: false),
                    min_payout = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_programs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "system_settings",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_system_settings", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "commission_rules",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", nullable: false),
                    @event = table.Column<string>(name: "event", type: "TEXT", maxLength: 32, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: true),
                    basis_points = table.Column<int>(type: "INTEGER", nullable: true),
                    recurring_months = table.Column<int>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    archived_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commission_rules", x => x.id);
                    table.ForeignKey(
                        name: "fk_commission_rules_programs_program_id",
                        column: x => x.program_id,
                        principalTable: "programs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "conversions",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", nullable: false),
                    event_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    customer_id = table.Column<string>(type: "TEXT", nullable: true),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    enrollment_id = table.Column<string>(type: "TEXT", nullable: true),
                    attribution_source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    link_id = table.Column<string>(type: "TEXT", nullable: true),
                    click_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    sale_conversion_id = table.Column<string>(type: "TEXT", nullable: true),
                    refunded_amount = table.Column<long>(type: "INTEGER", nullable: false),
                    event_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    metadata_json = table.Column<string>(type: "TEXT", nullable: true),
                    coupon_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversions", x => x.id);
                    table.ForeignKey(
                        name: "fk_conversions_programs_program_id",
                        column: x => x.program_id,
                        principalTable: "programs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "customers",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", nullable: false),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    enrollment_id = table.Column<string>(type: "TEXT", nullable: true),
                    attribution_source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    link_id = table.Column<string>(type: "TEXT", nullable: true),
                    click_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    attributed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    first_commissioned_sale_at = table.Column<long>(type: "INTEGER", nullable: true),
                    has_commissioned_lead = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customers", x => x.id);
                    table.ForeignKey(
                        name: "fk_customers_programs_program_id",
                        column: x => x.program_id,
                        principalTable: "programs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "enrollments",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", nullable: false),
                    partner_id = table.Column<string>(type: "TEXT", nullable: false),
                    partner_type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    status_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enrollments", x => x.id);
                    table.ForeignKey(
                        name: "fk_enrollments_partners_partner_id",
                        column: x => x.partner_id,
                        principalTable: "partners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_enrollments_programs_program_id",
                        column: x => x.program_id,
                        principalTable: "programs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

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
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", nullable: false),
                    event_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    payload_json = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_outbox_messages_programs_program_id",
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

            migrationBuilder.CreateTable(
                name: "webhook_endpoints",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", nullable: false),
                    url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    event_types = table.Column<string>(type: "TEXT", nullable: false),
                    signing_secret = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    previous_signing_secret = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    previous_secret_expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    disabled_at = table.Column<long>(type: "INTEGER", nullable: true),
                    disabled_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    archived_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_endpoints", x => x.id);
                    table.ForeignKey(
                        name: "fk_webhook_endpoints_programs_program_id",
                        column: x => x.program_id,
                        principalTable: "programs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "commissions",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", nullable: false),
                    enrollment_id = table.Column<string>(type: "TEXT", nullable: false),
                    conversion_id = table.Column<string>(type: "TEXT", nullable: true),
                    rule_id = table.Column<string>(type: "TEXT", nullable: true),
                    reverses_id = table.Column<string>(type: "TEXT", nullable: true),
                    link_id = table.Column<string>(type: "TEXT", nullable: true),
                    batch_key = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    earned_at = table.Column<long>(type: "INTEGER", nullable: false),
                    matures_at = table.Column<long>(type: "INTEGER", nullable: false),
                    approved_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commissions", x => x.id);
                    table.ForeignKey(
                        name: "fk_commissions_conversions_conversion_id",
                        column: x => x.conversion_id,
                        principalTable: "conversions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_commissions_enrollments_enrollment_id",
                        column: x => x.enrollment_id,
                        principalTable: "enrollments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_commissions_programs_program_id",
                        column: x => x.program_id,
                        principalTable: "programs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "coupons",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", nullable: false),
                    enrollment_id = table.Column<string>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    archived_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coupons", x => x.id);
                    table.ForeignKey(
                        name: "fk_coupons_enrollments_enrollment_id",
                        column: x => x.enrollment_id,
                        principalTable: "enrollments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_coupons_programs_program_id",
                        column: x => x.program_id,
                        principalTable: "programs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "links",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", nullable: false),
                    enrollment_id = table.Column<string>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    sub1 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    sub2 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    sub3 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    sub4 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    sub5 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    archived_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_links", x => x.id);
                    table.ForeignKey(
                        name: "fk_links_enrollments_enrollment_id",
                        column: x => x.enrollment_id,
                        principalTable: "enrollments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_links_programs_program_id",
                        column: x => x.program_id,
                        principalTable: "programs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "partner_postbacks",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", nullable: false),
                    enrollment_id = table.Column<string>(type: "TEXT", nullable: false),
                    @event = table.Column<string>(name: "event", type: "TEXT", maxLength: 32, nullable: false),
                    url_template = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    disabled_at = table.Column<long>(type: "INTEGER", nullable: true),
                    disabled_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    archived_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_partner_postbacks", x => x.id);
                    table.ForeignKey(
                        name: "fk_partner_postbacks_enrollments_enrollment_id",
                        column: x => x.enrollment_id,
                        principalTable: "enrollments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_partner_postbacks_programs_program_id",
                        column: x => x.program_id,
                        principalTable: "programs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    message_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", nullable: false),
                    enrollment_id = table.Column<string>(type: "TEXT", nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    destination_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: false),
                    first_attempt_at = table.Column<long>(type: "INTEGER", nullable: true),
                    leased_until = table.Column<long>(type: "INTEGER", nullable: true),
                    lease_token = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    last_attempt_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_status_code = table.Column<int>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    last_response = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    last_duration_ms = table.Column<long>(type: "INTEGER", nullable: true),
                    delivered_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_webhook_deliveries_outbox_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "outbox_messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "delivery_attempts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    delivery_id = table.Column<long>(type: "INTEGER", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    status_code = table.Column<int>(type: "INTEGER", nullable: true),
                    error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    response = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    duration_ms = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_delivery_attempts", x => x.id);
                    table.ForeignKey(
                        name: "fk_delivery_attempts_webhook_deliveries_delivery_id",
                        column: x => x.delivery_id,
                        principalTable: "webhook_deliveries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_hash",
                table: "api_keys",
                column: "hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_at",
                table: "audit_log",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_entity_type_entity_id",
                table: "audit_log",
                columns: new[] { "entity_type", "entity_id" });

            migrationBuilder.CreateIndex(
                name: "ix_click_rollups_enrollment_id_hour",
                table: "click_rollups",
                columns: new[] { "enrollment_id", "hour" });

            migrationBuilder.CreateIndex(
                name: "ix_click_rollups_program_id_hour",
                table: "click_rollups",
                columns: new[] { "program_id", "hour" });

            migrationBuilder.CreateIndex(
                name: "ix_clicks_enrollment_id_clicked_at",
                table: "clicks",
                columns: new[] { "enrollment_id", "clicked_at" });

            migrationBuilder.CreateIndex(
                name: "ix_clicks_program_id_clicked_at",
                table: "clicks",
                columns: new[] { "program_id", "clicked_at" });

            migrationBuilder.CreateIndex(
                name: "ix_commission_rules_program_id_event",
                table: "commission_rules",
                columns: new[] { "program_id", "event" });

            migrationBuilder.CreateIndex(
                name: "ix_commissions_batch_key",
                table: "commissions",
                column: "batch_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_commissions_conversion_id",
                table: "commissions",
                column: "conversion_id");

            migrationBuilder.CreateIndex(
                name: "ix_commissions_enrollment_id_status",
                table: "commissions",
                columns: new[] { "enrollment_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_commissions_program_id_earned_at",
                table: "commissions",
                columns: new[] { "program_id", "earned_at" });

            migrationBuilder.CreateIndex(
                name: "ix_commissions_status_matures_at",
                table: "commissions",
                columns: new[] { "status", "matures_at" });

            migrationBuilder.CreateIndex(
                name: "ix_conversions_customer_id",
                table: "conversions",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_conversions_enrollment_id_occurred_at",
                table: "conversions",
                columns: new[] { "enrollment_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_conversions_program_id_event_id",
                table: "conversions",
                columns: new[] { "program_id", "event_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_conversions_program_id_occurred_at",
                table: "conversions",
                columns: new[] { "program_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_conversions_sale_conversion_id",
                table: "conversions",
                column: "sale_conversion_id");

            migrationBuilder.CreateIndex(
                name: "ix_coupons_enrollment_id",
                table: "coupons",
                column: "enrollment_id");

            migrationBuilder.CreateIndex(
                name: "ix_coupons_program_id_code",
                table: "coupons",
                columns: new[] { "program_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_customers_program_id_external_id",
                table: "customers",
                columns: new[] { "program_id", "external_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_delivery_attempts_delivery_id_number",
                table: "delivery_attempts",
                columns: new[] { "delivery_id", "number" });

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_partner_id",
                table: "enrollments",
                column: "partner_id");

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_program_id_partner_id",
                table: "enrollments",
                columns: new[] { "program_id", "partner_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inbound_events_program_id_sale_event_id_status",
                table: "inbound_events",
                columns: new[] { "program_id", "sale_event_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_inbound_events_program_id_source_external_id",
                table: "inbound_events",
                columns: new[] { "program_id", "source", "external_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_links_code",
                table: "links",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_links_enrollment_id",
                table: "links",
                column: "enrollment_id");

            migrationBuilder.CreateIndex(
                name: "ix_links_program_id_enrollment_id",
                table: "links",
                columns: new[] { "program_id", "enrollment_id" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_program_id_created_at",
                table: "outbox_messages",
                columns: new[] { "program_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_partner_postbacks_enrollment_id_event",
                table: "partner_postbacks",
                columns: new[] { "enrollment_id", "event" });

            migrationBuilder.CreateIndex(
                name: "ix_partner_postbacks_program_id",
                table: "partner_postbacks",
                column: "program_id");

            migrationBuilder.CreateIndex(
                name: "ix_partners_email",
                table: "partners",
                column: "email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_destination_id_status_id",
                table: "webhook_deliveries",
                columns: new[] { "destination_id", "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_message_id",
                table: "webhook_deliveries",
                column: "message_id");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_program_id_id",
                table: "webhook_deliveries",
                columns: new[] { "program_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_status_next_attempt_at",
                table: "webhook_deliveries",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_endpoints_program_id",
                table: "webhook_endpoints",
                column: "program_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "click_rollups");

            migrationBuilder.DropTable(
                name: "clicks");

            migrationBuilder.DropTable(
                name: "commission_rules");

            migrationBuilder.DropTable(
                name: "commissions");

            migrationBuilder.DropTable(
                name: "coupons");

            migrationBuilder.DropTable(
                name: "customers");

            migrationBuilder.DropTable(
                name: "delivery_attempts");

            migrationBuilder.DropTable(
                name: "inbound_events");

            migrationBuilder.DropTable(
                name: "links");

            migrationBuilder.DropTable(
                name: "partner_postbacks");

            migrationBuilder.DropTable(
                name: "program_integrations");

            migrationBuilder.DropTable(
                name: "system_settings");

            migrationBuilder.DropTable(
                name: "webhook_endpoints");

            migrationBuilder.DropTable(
                name: "conversions");

            migrationBuilder.DropTable(
                name: "webhook_deliveries");

            migrationBuilder.DropTable(
                name: "enrollments");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "partners");

            migrationBuilder.DropTable(
                name: "programs");
        }
    }
}
