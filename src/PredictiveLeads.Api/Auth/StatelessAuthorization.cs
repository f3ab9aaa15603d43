using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PredictiveLeads.Api.Auth;

/// <summary>
/// The framework registers authorization's services as transient, so the authorization middleware built a policy
/// evaluator, an authorization service and their helpers for every protected request. None of them holds state of a
/// request (our only handler is the framework's pass-through one for role requirements, taken once by the shared
/// handler provider), so one of each serves all. A scoped handler added later would be refused at start in Development,
/// where the container validates scopes.
/// </summary>
public static class StatelessAuthorization
{
    public static IServiceCollection ShareAuthorizationServices(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<IPolicyEvaluator, RememberingPolicyEvaluator>());
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationService, DefaultAuthorizationService>());
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>());
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationHandlerProvider, DefaultAuthorizationHandlerProvider>());
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationEvaluator, DefaultAuthorizationEvaluator>());
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationHandlerContextFactory, DefaultAuthorizationHandlerContextFactory>());
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationMiddlewareResultHandler, AuthorizationMiddlewareResultHandler>());
        return services;
    }
}
