using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Trellis.Core.CoMarketing;
using Trellis.Data.Model;
using Trellis.Server.Features.Payouts;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.CoMarketing;

/// <summary>
/// Market development fund requests. Partners (and team keys on their behalf) request and claim with
/// <c>funds:write</c>; managers approve and review claims with <c>programs:write</c>; paying needs
/// <c>payouts:write</c>. A partner key sees and moves only its own requests.
/// </summary>
public static class FundsApi
{
    public static RouteGroupBuilder MapFunds(this RouteGroupBuilder api)
    {
        var group = api.MapProgramGroup("/fund-requests").WithTags("Market development funds");
        group.MapGet("/", ListAsync).RequireAuthorization(Scopes.ProgramsRead).WithName("ListFundRequests")
            .WithSummary("List fund requests, newest first (a partner key: its own)");
        group.MapPost("/", CreateAsync).RequireAuthorization(Scopes.FundsWrite).WithName("CreateFundRequest")
            .WithSummary("Request funds for an activity, optionally for a campaign");
        group.MapGet("/{fundRequestId}", GetAsync).RequireAuthorization(Scopes.ProgramsRead).WithName("GetFundRequest").WithSummary("Get a fund request");
        group.MapPost("/{fundRequestId}/approve", ApproveAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("ApproveFundRequest")
            .WithSummary("Approve an amount (at most the amount requested)");
        group.MapPost("/{fundRequestId}/reject", RejectAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("RejectFundRequest")
            .WithSummary("Reject a request with a reason");
        group.MapPost("/{fundRequestId}/claim", ClaimAsync).RequireAuthorization(Scopes.FundsWrite).WithName("ClaimFunds")
            .WithSummary("Claim approved funds with the actual cost and proof URLs");
        group.MapPost("/{fundRequestId}/approve-claim", ApproveClaimAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("ApproveFundClaim")
            .WithSummary("Approve a claim: the payable amount is min(approved, actual cost)");
        group.MapPost("/{fundRequestId}/reject-claim", RejectClaimAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("RejectFundClaim")
            .WithSummary("Reject a claim with a reason; the partner may claim again");
        group.MapPost("/{fundRequestId}/pay", PayAsync).RequireAuthorization(Scopes.PayoutsWrite).WithName("PayFunds")
            .WithSummary("Record the payment: an MDF entry in the ledger, booked as paid");
        return api;
    }

    private static async Task<Results<Ok<List<FundRequestResponse>>, ProblemHttpResult>> ListAsync(
        ProgramScope scope, string? status, string? campaignId, FundDesk desk, CancellationToken ct)
    {
        FundStatus? filter = null;
        if (status is not null)
        {
            if (!Enum.GetValues<FundStatus>().Any(s => FundDesk.Name(s) == status))
            {
                return ApiErrors.Invalid("status", $"Expected one of {string.Join(", ", Enum.GetValues<FundStatus>().Select(FundDesk.Name))}.");
            }

            filter = Enum.GetValues<FundStatus>().First(s => FundDesk.Name(s) == status);
        }

        var rows = await desk.ListAsync(scope.Program.Id, scope.PartnerId, filter, campaignId, ct);
        return TypedResults.Ok(rows.Select(f => FundRequestResponse.From(f, !scope.IsPartner)).ToList());
    }

    private static async Task<Results<Ok<FundRequestResponse>, ProblemHttpResult>> GetAsync(ProgramScope scope, string fundRequestId, FundDesk desk, CancellationToken ct)
    {
        var fund = await desk.GetAsync(scope.Program.Id, fundRequestId, scope.PartnerId, ct);
        return fund is null ? FundDesk.NotFound(fundRequestId) : TypedResults.Ok(FundRequestResponse.From(fund, !scope.IsPartner));
    }

    private static async Task<Results<Created<FundRequestResponse>, ProblemHttpResult>> CreateAsync(
        ProgramScope scope, CreateFundRequest request, FundDesk desk, CancellationToken ct)
    {
        var (fund, error) = await desk.RequestAsync(scope.Program, scope.PartnerId, request, ct);
        return error ?? (Results<Created<FundRequestResponse>, ProblemHttpResult>)TypedResults.Created(
            $"/api/v1/programs/{scope.Program.Id}/fund-requests/{fund!.Id}", FundRequestResponse.From(fund, !scope.IsPartner));
    }

    private static Task<Results<Ok<FundRequestResponse>, ProblemHttpResult>> ApproveAsync(
        ProgramScope scope, string fundRequestId, ApproveFundRequest request, FundDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(scope, desk.ApproveAsync(scope.Program.Id, fundRequestId, request.Amount, PayoutsApi.Actor(user), ct));

    private static Task<Results<Ok<FundRequestResponse>, ProblemHttpResult>> RejectAsync(
        ProgramScope scope, string fundRequestId, RejectFundRequest request, FundDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(scope, desk.RejectAsync(scope.Program.Id, fundRequestId, request.Reason, PayoutsApi.Actor(user), ct));

    private static Task<Results<Ok<FundRequestResponse>, ProblemHttpResult>> ClaimAsync(
        ProgramScope scope, string fundRequestId, ClaimFundRequest request, FundDesk desk, CancellationToken ct) =>
        Answer(scope, desk.ClaimAsync(scope.Program.Id, fundRequestId, scope.PartnerId, request, ct));

    private static Task<Results<Ok<FundRequestResponse>, ProblemHttpResult>> ApproveClaimAsync(
        ProgramScope scope, string fundRequestId, FundDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(scope, desk.ApproveClaimAsync(scope.Program.Id, fundRequestId, PayoutsApi.Actor(user), ct));

    private static Task<Results<Ok<FundRequestResponse>, ProblemHttpResult>> RejectClaimAsync(
        ProgramScope scope, string fundRequestId, RejectFundRequest request, FundDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(scope, desk.RejectClaimAsync(scope.Program.Id, fundRequestId, request.Reason, PayoutsApi.Actor(user), ct));

    private static Task<Results<Ok<FundRequestResponse>, ProblemHttpResult>> PayAsync(
        ProgramScope scope, string fundRequestId, PayFundRequest? request, FundDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(scope, desk.PayAsync(scope.Program.Id, fundRequestId, request?.Reference, PayoutsApi.Actor(user), ct));

    private static async Task<Results<Ok<FundRequestResponse>, ProblemHttpResult>> Answer(ProgramScope scope, Task<(FundRequest? Request, ProblemHttpResult? Error)> move)
    {
        var (fund, error) = await move;
        return error ?? (Results<Ok<FundRequestResponse>, ProblemHttpResult>)TypedResults.Ok(FundRequestResponse.From(fund!, !scope.IsPartner));
    }
}
