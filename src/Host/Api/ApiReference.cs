using System.Reflection;
using System.Text.Json.Nodes;
using ConsoleContext.Protocol;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace ConsoleContext.Host.Api;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) and its reference page (<c>/scalar/v1</c>, also <c>GET /</c>), made
/// honest: the bearer scheme on every /v1 route, their 401/403/429/503 answers, the event-type enum, the required
/// event fields, the single and batch forms of <c>POST /v1/events</c>, and examples taken from the walkthrough tape
/// (embedded from samples/tapes), so "Test request" works with a pasted key.
/// </summary>
public static class ApiReference
{
    public const string BearerScheme = "Bearer";
    public const string ReferencePath = "/scalar/v1";
    private const string ProblemSchema = "ProblemDetails";
    private const string EventSchema = "EventBody";
    private const string DecisionSchema = "Decision";

    public static IServiceCollection AddApiReference(this IServiceCollection services) =>
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            Describe(document);
            return Task.CompletedTask;
        }));

    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference(o => o.AddPreferredSecuritySchemes(BearerScheme));
        app.MapGet("/", () => Results.Redirect(ReferencePath)).ExcludeFromDescription();
        return app;
    }

    /// <summary>The event types a client may send, from <see cref="EventTypes"/>.</summary>
    public static IReadOnlyList<string> EventTypeNames { get; } =
        [.. typeof(EventTypes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];

    private static void Describe(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key: Authorization: Bearer <key>. The ingest role posts events, the query role reads " +
                          "(docs/api.md; a fresh install writes one key per role to <DataDirectory>/api-keys.json).",
        };
        DescribeEvent(document);

        foreach (var (path, item) in document.Paths.Where(p => p.Key.StartsWith("/v1", StringComparison.Ordinal)))
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] });
                operation.Responses ??= [];
                AddProblem(document, operation, StatusCodes.Status401Unauthorized, "No API key, or an unknown one");
                AddProblem(document, operation, StatusCodes.Status403Forbidden, "The key lacks the role this route needs");
                AddProblem(document, operation, StatusCodes.Status429TooManyRequests, "Over the key's rate; retry after Retry-After seconds");
                AddProblem(document, operation, StatusCodes.Status503ServiceUnavailable, "A session did not answer in time, or the service is stopping; retry");
                if (path == "/v1/events" && method == HttpMethod.Post)
                    DescribePostEvents(document, operation);
            }
        }
    }

    private static void AddProblem(OpenApiDocument document, OpenApiOperation operation, int status, string description)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
            return;
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
            },
        };
    }

    private static void DescribeEvent(OpenApiDocument document)
    {
        if (document.Components!.Schemas is not { } schemas || !schemas.TryGetValue(EventSchema, out var found) || found is not OpenApiSchema schema)
            return;
        schema.Description = "One console event. eventId, sessionId and type are required; which other fields a type needs is in docs/ownership.md.";
        schema.Required = new HashSet<string> { "eventId", "sessionId", "type" };
        if (schema.Properties is { } properties && properties.TryGetValue("type", out var typeProperty) && typeProperty is OpenApiSchema type)
            type.Enum = [.. EventTypeNames.Select(n => (JsonNode)JsonValue.Create(n))];
        // at, number and phoneNumber also come as JSON integers (epoch milliseconds; digits), as documented bridges send them.
        foreach (var name in new[] { "at", "number", "phoneNumber" })
        {
            if (schema.Properties is { } props && props.TryGetValue(name, out var property) && property is OpenApiSchema field)
                field.Type = JsonSchemaType.String | JsonSchemaType.Integer | JsonSchemaType.Null;
        }
        schema.Examples = [Samples.Events[0].DeepClone()];
    }

    private static void DescribePostEvents(OpenApiDocument document, OpenApiOperation operation)
    {
        var one = new OpenApiSchemaReference(EventSchema, document);
        if (operation.RequestBody is OpenApiRequestBody body)
        {
            body.Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        OneOf = [one, new OpenApiSchema { Type = JsonSchemaType.Array, Items = one, MaxItems = 1000 }],
                    },
                    Examples = new Dictionary<string, IOpenApiExample>
                    {
                        ["one event"] = new OpenApiExample { Summary = "The walkthrough's first event", Value = Samples.Events[0].DeepClone() },
                        ["batch"] = new OpenApiExample { Summary = "The walkthrough tape as one batch", Value = new JsonArray([.. Samples.Events.Select(e => e.DeepClone())]) },
                    },
                },
            };
        }
        var decision = new OpenApiSchemaReference(DecisionSchema, document);
        if (operation.Responses!.GetValueOrDefault("200") is OpenApiResponse ok)
        {
            ok.Description = "The decision (object body) or the decisions in input order (array body)";
            ok.Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new()
                {
                    Schema = new OpenApiSchema { OneOf = [decision, new OpenApiSchema { Type = JsonSchemaType.Array, Items = decision }] },
                    Examples = new Dictionary<string, IOpenApiExample>
                    {
                        ["one event"] = new OpenApiExample { Value = Samples.Decisions[0].DeepClone() },
                        ["batch"] = new OpenApiExample { Value = new JsonArray([.. Samples.Decisions.Select(d => d.DeepClone())]) },
                    },
                },
            };
        }
    }

    /// <summary>samples/tapes/walkthrough.jsonl and its decisions, embedded at build.</summary>
    private static class Samples
    {
        public static readonly IReadOnlyList<JsonNode> Events = Read("walkthrough.jsonl");
        public static readonly IReadOnlyList<JsonNode> Decisions = Read("walkthrough.decisions.jsonl");

        private static List<JsonNode> Read(string name)
        {
            using var stream = typeof(ApiReference).Assembly.GetManifestResourceStream(name)
                               ?? throw new InvalidOperationException($"the sample {name} is not embedded in the Host");
            using var reader = new StreamReader(stream);
            var lines = new List<JsonNode>();
            while (reader.ReadLine() is { } line)
                if (!string.IsNullOrWhiteSpace(line))
                    lines.Add(JsonNode.Parse(line)!);
            return lines;
        }
    }
}
