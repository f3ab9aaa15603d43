using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace PredictiveLeads.Api.Auth;

/// <summary>
/// An API key's principal is made once and shared by all its requests (see <see cref="ApiKeyHandler"/>), and a policy
/// of roles or of being signed in asks only about the principal; so the framework decides such a policy for a key's
/// principal once, and a success is remembered beside the principal. A changed key brings a new principal, decided
/// again. Failures, other policies and principals made per request (dashboard sessions) are decided every time.
/// </summary>
public sealed class RememberingPolicyEvaluator(IAuthorizationService authorization) : PolicyEvaluator(authorization)
{
    private const int MostPolicies = 64;

    private static readonly ConditionalWeakTable<ClaimsPrincipal, ConcurrentDictionary<AuthorizationPolicy, Task<PolicyAuthorizationResult>>> Granted = [];

    public override Task<PolicyAuthorizationResult> AuthorizeAsync(AuthorizationPolicy policy, AuthenticateResult authenticationResult, HttpContext context, object? resource)
    {
        if (!ApiKeyHandler.IsShared(context.User))
            return base.AuthorizeAsync(policy, authenticationResult, context, resource);
        var granted = Granted.GetValue(context.User, _ => new ConcurrentDictionary<AuthorizationPolicy, Task<PolicyAuthorizationResult>>());
        if (granted.TryGetValue(policy, out var known))
            return known;
        return AsksOnlyAboutThePrincipal(policy) ? DecideAsync(granted, policy, authenticationResult, context, resource) : base.AuthorizeAsync(policy, authenticationResult, context, resource);
    }

    private async Task<PolicyAuthorizationResult> DecideAsync(ConcurrentDictionary<AuthorizationPolicy, Task<PolicyAuthorizationResult>> granted, AuthorizationPolicy policy,
        AuthenticateResult authenticationResult, HttpContext context, object? resource)
    {
        var result = await base.AuthorizeAsync(policy, authenticationResult, context, resource);
        // Endpoints' policies are built once and cached by the framework, so a principal meets a few; the bound keeps a
        // policy made per request (by a provider that does not let them be cached) from growing the table.
        if (result.Succeeded && granted.Count < MostPolicies)
            granted.TryAdd(policy, Task.FromResult(result));
        return result;
    }

    private static bool AsksOnlyAboutThePrincipal(AuthorizationPolicy policy) =>
        policy.AuthenticationSchemes.Count == 0 && policy.Requirements.All(r => r is RolesAuthorizationRequirement or DenyAnonymousAuthorizationRequirement);
}
