using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace PredictiveLeads.Api.Auth;

/// <summary>Authenticates a dashboard session cookie through <see cref="Sessions"/>; failures are problem responses, never redirects.</summary>
public sealed class SessionHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, Sessions sessions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Session";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (key, ended) = await sessions.FindAsync(Context, Context.RequestAborted);
        return key is null
            ? AuthenticateResult.Fail(ended!)
            : AuthenticateResult.Success(new AuthenticationTicket(ApiKeyHandler.Principal(key, SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => Problems.Unauthorized(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => Problems.Forbidden(Context);
}
