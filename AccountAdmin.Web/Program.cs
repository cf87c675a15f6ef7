using AccountAdmin.Core.Hosting;
using AccountAdmin.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

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
