using Trellis.Core.Ecosystem;

namespace Trellis.Core.Tests.Ecosystem;

public sealed class PartnerHealthTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly PlanStanding OnTrack = new("FY", true, null);

    [Fact]
    public void Assess_ActiveWithPipelineAndPlanOnTrack_IsHealthy()
    {
        var health = PartnerHealth.Assess(Now.AddDays(-3), Now, 1_234_500, "EUR", OnTrack);

        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Equal(["Last activity 3 days ago", "Open pipeline 12,345.00 EUR", "Plan 'FY' is on track"], health.Reasons.Select(r => r.Text));
        Assert.All(health.Reasons, r => Assert.Equal(HealthStatus.Healthy, r.Level));
    }

    [Theory]
    [InlineData(0, HealthStatus.Healthy, "Last activity today")]
    [InlineData(1, HealthStatus.Healthy, "Last activity 1 day ago")]
    [InlineData(29, HealthStatus.Healthy, "Last activity 29 days ago")]
    [InlineData(30, HealthStatus.Attention, "Last activity 30 days ago")]
    [InlineData(89, HealthStatus.Attention, "Last activity 89 days ago")]
    [InlineData(90, HealthStatus.AtRisk, "No activity for 90 days")]
    public void Assess_ActivityRecency_ThresholdsAtThirtyAndNinetyDays(int days, HealthStatus level, string text)
    {
        var health = PartnerHealth.Assess(Now.AddDays(-days).AddHours(-1), Now, 1, "USD", OnTrack);

        Assert.Equal(new HealthReason("activity", level, text), health.Reasons[0]);
        Assert.Equal(level, health.Status);
    }

    [Fact]
    public void Assess_OneAttention_IsAttention_TwoAreAtRisk()
    {
        var noPipeline = PartnerHealth.Assess(Now, Now, 0, "USD", OnTrack);
        var noPipelineNoPlan = PartnerHealth.Assess(Now, Now, 0, "USD", null);

        Assert.Equal(HealthStatus.Attention, noPipeline.Status);
        Assert.Equal(HealthStatus.AtRisk, noPipelineNoPlan.Status);
        Assert.Equal("No joint business plan for the current period", noPipelineNoPlan.Reasons[2].Text);
    }

    [Fact]
    public void Assess_PlanBehind_NamesTheTargets()
    {
        var health = PartnerHealth.Assess(Now, Now, 100, "USD", new PlanStanding("H1", false, "deals won 25% of target, 50% due"));

        Assert.Equal(new HealthReason("plan", HealthStatus.Attention, "Plan 'H1' is behind: deals won 25% of target, 50% due"), health.Reasons[2]);
        Assert.Equal(HealthStatus.Attention, health.Status);
    }

    [Fact]
    public void Assess_NoActivityAtAll_IsAtRisk()
    {
        var health = PartnerHealth.Assess(null, Now, 100, "USD", OnTrack);

        Assert.Equal(HealthStatus.AtRisk, health.Status);
        Assert.Equal("No recorded activity", health.Reasons[0].Text);
    }
}
