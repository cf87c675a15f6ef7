using AccountAdmin.Core.Hosting;
using AccountAdmin.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
if (!builder.Environment.IsDevelopment())
{
    // One JSON object a line, with the request's trace id, for whatever collects the logs.
    builder.Logging.ClearProviders().AddJsonConsole(json => json.IncludeScopes = true);
}

builder.Services.AddAccountAdminCore(builder.Configuration);
builder.Services.AddAccountAdminWeb(builder.Configuration, builder.Environment);

var app = builder.Build();

if (await Commands.TryRunAsync(app, args))
{
    return;
}

await app.PrepareDatabaseAsync();
app.UseAccountAdminPipeline();
await app.RunAsync();

public partial class Program;
