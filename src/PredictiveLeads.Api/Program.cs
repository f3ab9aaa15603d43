using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PredictiveLeads.Api.Accounts;
using PredictiveLeads.Api.Auth;
using PredictiveLeads.Api.Contracts;
using PredictiveLeads.Api.Dashboard;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Api.Leads;
using PredictiveLeads.Api.Models;
using PredictiveLeads.Api.Monitoring;
using PredictiveLeads.Api.Outcomes;
using PredictiveLeads.Api.Webhooks;
using PredictiveLeads.Api.Worklist;

var builder = ConfigurationFiles.CreateBuilder(args);

builder.Services.AddOptions<ModelOptions>().BindConfiguration(ModelOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<ScoringOptions>().BindConfiguration(ScoringOptions.Section).ValidateDataAnnotations().ValidateOnStart()
    .Validate(o => o.GradeShareA + o.GradeShareB + o.GradeShareC <= 1, "Scoring:GradeShareA + GradeShareB + GradeShareC must be at most 1 (the rest of the leads are D)");
builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart()
    .Validate(o => o.ApiKeys.All(k => System.ComponentModel.DataAnnotations.Validator.TryValidateObject(k, new(k), null, true)), "every API key needs a Name, a Role of score or admin, and a Key of 12+ characters or a 64-hex KeyHash");
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024);

builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
builder.Services.AddProblemDetails();
// Unreadable bodies become exceptions in every environment, so the handler can name the offending field.
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddOpenApi(options => options.AddDocumentTransformer<OpenApiExamples>().AddSchemaTransformer<LeadFieldsSchema>());
builder.Services.AddKeyOrCookieAuthentication();
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(Policies.Score, policy => policy.RequireRole("score", "admin"))
    .AddPolicy(Policies.Admin, policy => policy.RequireRole("admin"));
builder.Services.ShareAuthorizationServices();
builder.Services.AddPerKeyRateLimiting(builder.Configuration);
builder.Services.AddTrustedProxies(builder.Configuration);
builder.Services.TryAddSingleton(TimeProvider.System);
builder.Services.TryAddSingleton<IBundleLoader, DiskBundleLoader>();
builder.Services.AddSingleton<ModelHost>();
builder.Services.AddSingleton<PredictiveLeads.Api.Dashboard.HoldoutCache>();
builder.Services.AddHostedService(provider => provider.GetRequiredService<ModelHost>());
builder.Services.AddPredictionStorage();
builder.Services.AddSingleton<PredictiveLeads.Api.Leads.ScoringMemory>();
builder.Services.AddSingleton<PredictiveLeads.Api.Leads.ScoringRounds>();
builder.Services.AddWebhooks();
builder.Services.AddOptions<DriftOptions>().BindConfiguration(DriftOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<FieldDriftTracker>();
builder.Services.AddHostedService(provider => provider.GetRequiredService<FieldDriftTracker>());
builder.Services.AddHealthChecks().AddCheck<ReadinessCheck>("ready", tags: ["ready"]);

var app = builder.Build();

app.UseTrustedProxies();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseDashboard();
app.UseAuthentication();
app.UseCrossSiteRequestChecks();
app.UseAuthorization();
app.UseRateLimiter();

app.MapOpenApi();
app.UseSwaggerUI(options =>
{
    options.RoutePrefix = "swagger";
    options.SwaggerEndpoint("/openapi/v1.json", "PredictiveLeads v1");
});
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = ReadinessCheck.Write });
app.MapLeadsApi();
app.MapAccountsApi();
app.MapModelsApi();
app.MapOutcomesApi();
app.MapMonitoringApi();
app.MapSessionApi();
app.MapDashboardApi();
app.MapWorklistApi();
app.MapGridApi();
app.MapWebhooksApi();

app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
