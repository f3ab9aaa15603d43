using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace PredictiveLeads.Api.Contracts;

/// <summary>Compile-time JSON (de)serializers for the API's request and response types: no reflection on the hot path.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(LeadScoreRequest))]
[JsonSerializable(typeof(LeadBatchRequest))]
[JsonSerializable(typeof(AccountScoreRequest))]
[JsonSerializable(typeof(OutcomeRequest))]
[JsonSerializable(typeof(LeadScoreResponse))]
[JsonSerializable(typeof(LeadBatchResponse))]
[JsonSerializable(typeof(AccountScoreResponse))]
[JsonSerializable(typeof(OutcomeResponse))]
[JsonSerializable(typeof(LeadHistoryResponse))]
[JsonSerializable(typeof(SignInRequest))]
[JsonSerializable(typeof(SessionResponse))]
[JsonSerializable(typeof(AccountSummary))]
[JsonSerializable(typeof(PredictiveLeads.Api.Contracts.ComparisonResponse))]
[JsonSerializable(typeof(PredictiveLeads.Api.Contracts.DisagreementsResponse))]
[JsonSerializable(typeof(PredictiveLeads.Api.Contracts.LeadLookupResponse))]
[JsonSerializable(typeof(PredictiveLeads.Api.Contracts.AccountLookupResponse))]
[JsonSerializable(typeof(ModelCardResponse))]
[JsonSerializable(typeof(MonitoringResponse))]
[JsonSerializable(typeof(WebhookDeliveriesResponse))]
[JsonSerializable(typeof(ChallengerResponse))]
[JsonSerializable(typeof(WorklistResponse))]
[JsonSerializable(typeof(FitEngagementGridResponse))]
[JsonSerializable(typeof(ModelListResponse))]
[JsonSerializable(typeof(ActivationRequest))]
[JsonSerializable(typeof(ActivationResponse))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
