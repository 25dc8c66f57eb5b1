using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Trellis.Data.Postgres.Migrations
{
    /// <summary>
    /// Hand-written, PostgreSQL only: clicks becomes a table partitioned by month on clicked_at, with a default
    /// partition so no click is ever rejected, and an unlogged click_staging table for the click writer's binary
    /// COPY. A partitioned table's primary key must include the partition key, so the database's key is
    /// (id, clicked_at) while the model's stays id: a replayed click carries the same id and time, so the click
    /// writer's ON CONFLICT (id, clicked_at) skips it. EF never changes this key; a later migration that drops or
    /// recreates pk_clicks must be written by hand. The ClickPartitionWorker creates months ahead and applies
    /// Tracking:ClickRetentionMonths.
    /// </summary>
    public partial class ClickPartitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                SET LOCAL TimeZone = 'UTC';
                ALTER TABLE clicks RENAME TO clicks_unpartitioned;
                ALTER TABLE clicks_unpartitioned RENAME CONSTRAINT pk_clicks TO pk_clicks_unpartitioned;
                ALTER INDEX ix_clicks_program_id_clicked_at RENAME TO ix_clicks_unpartitioned_program_id_clicked_at;
                ALTER INDEX ix_clicks_enrollment_id_clicked_at RENAME TO ix_clicks_unpartitioned_enrollment_id_clicked_at;

                CREATE TABLE clicks (LIKE clicks_unpartitioned INCLUDING DEFAULTS) PARTITION BY RANGE (clicked_at);
                ALTER TABLE clicks ADD CONSTRAINT pk_clicks PRIMARY KEY (id, clicked_at);
                CREATE INDEX ix_clicks_program_id_clicked_at ON clicks (program_id, clicked_at);
                CREATE INDEX ix_clicks_enrollment_id_clicked_at ON clicks (enrollment_id, clicked_at);
                CREATE TABLE clicks_default PARTITION OF clicks DEFAULT;

                DO $$
                DECLARE month timestamptz;
                BEGIN
                    FOR month IN
                        SELECT DISTINCT date_trunc('month', clicked_at) FROM clicks_unpartitioned
                        UNION
                        SELECT date_trunc('month', now()) + make_interval(months => ahead) FROM generate_series(0, 2) ahead
                    LOOP
                        EXECUTE format('CREATE TABLE %I PARTITION OF clicks FOR VALUES FROM (%L) TO (%L)',
                            'clicks_p' || to_char(month, 'YYYYMM'), month, month + interval '1 month');
                    END LOOP;
                END $$;

                INSERT INTO clicks SELECT * FROM clicks_unpartitioned;
                DROP TABLE clicks_unpartitioned;

                CREATE UNLOGGED TABLE click_staging (LIKE clicks INCLUDING DEFAULTS);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE click_staging;
                ALTER TABLE clicks RENAME TO clicks_partitioned;
                ALTER TABLE clicks_partitioned RENAME CONSTRAINT pk_clicks TO pk_clicks_partitioned;
                ALTER INDEX ix_clicks_program_id_clicked_at RENAME TO ix_clicks_partitioned_program_id_clicked_at;
                ALTER INDEX ix_clicks_enrollment_id_clicked_at RENAME TO ix_clicks_partitioned_enrollment_id_clicked_at;

                CREATE TABLE clicks (LIKE clicks_partitioned INCLUDING DEFAULTS);
                ALTER TABLE clicks ADD CONSTRAINT pk_clicks PRIMARY KEY (id);
                CREATE INDEX ix_clicks_program_id_clicked_at ON clicks (program_id, clicked_at);
                CREATE INDEX ix_clicks_enrollment_id_clicked_at ON clicks (enrollment_id, clicked_at);
                INSERT INTO clicks SELECT * FROM clicks_partitioned ON CONFLICT (id) DO NOTHING;
                DROP TABLE clicks_partitioned;
                """);
        }
    }
}
