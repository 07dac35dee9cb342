using System.Security.Claims;
using ConsoleContext.Telemetry;

namespace ConsoleContext.Host.Observability;

/// <summary>The tenant of a request, for metric labels and the request log: the caller's <c>tenant</c> claim, else <c>default</c>.</summary>
public static class TenantLabel
{
    public const string ClaimType = "tenant";

    public static string Of(ClaimsPrincipal? user) =>
        user?.FindFirst(ClaimType)?.Value is { Length: > 0 } tenant ? tenant : TrackerTelemetry.DefaultTenant;
}
