using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>
/// Reads each posted form before antiforgery and model binding do, so that nothing a user puts in it makes the whole
/// request fail there (a 400 before the page runs). A URL-encoded form is read with the reader that keeps a NUL, for
/// which ASP.NET Core's own refuses the whole form; <see cref="FormValueGuard"/> then refuses it at its field. A signed-in
/// user's multipart form may be up to <see cref="MaxUploadBytes"/>, its files buffered to disk as ASP.NET Core does, so
/// that a file over its page's limit reaches the page, which refuses it at its field. A form that still can't be read
/// answers 400, or 413 when it is larger than that.
/// </summary>
public static class PostedForms
{
    /// <summary>Far above any file a page takes: enough that a file chosen by mistake gets its page's message.</summary>
    public const long MaxUploadBytes = 64L * 1024 * 1024;

    public static IApplicationBuilder UsePostedForms(this IApplicationBuilder app) => app.Use(ReadAsync);

    private static async Task ReadAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (!request.HasFormContentType || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            || context.Features.Get<IFormFeature>() is { Form: not null })
        {
            await next(context);
            return;
        }

        var multipart = request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true;
        var uploadLimit = multipart && context.User.Identity?.IsAuthenticated == true ? UploadLimit(context) : null;
        if (request.ContentLength > uploadLimit)
        {
            Refuse(context, StatusCodes.Status413PayloadTooLarge);
            return;
        }

        if (uploadLimit is not null && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = uploadLimit;
        }

        var options = Options(context, uploadLimit);
        try
        {
            if (multipart)
            {
                var feature = new FormFeature(request, options);
                context.Features.Set<IFormFeature>(feature);
                await feature.ReadFormAsync(context.RequestAborted);
            }
            else
            {
                using var reader = new FormReader(request.Body, Encoding(request.ContentType))
                {
                    ValueCountLimit = options.ValueCountLimit,
                    KeyLengthLimit = options.KeyLengthLimit,
                    ValueLengthLimit = options.ValueLengthLimit,
                };
                context.Features.Set<IFormFeature>(new FormFeature(new FormCollection(await reader.ReadFormAsync(context.RequestAborted))));
            }
        }
        catch (InvalidDataException)
        {
            Refuse(context, StatusCodes.Status400BadRequest);
            return;
        }
        catch (BadHttpRequestException e)
        {
            Refuse(context, e.StatusCode);
            return;
        }

        await next(context);
    }

    /// <summary>The endpoint's own request size limit when it has one, else <see cref="MaxUploadBytes"/>.</summary>
    private static long? UploadLimit(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } own ? own.MaxRequestBodySize : MaxUploadBytes;

    /// <summary>The application's form limits, with the endpoint's own (<c>[RequestFormLimits]</c>) over them.</summary>
    private static FormOptions Options(HttpContext context, long? uploadLimit)
    {
        var global = context.RequestServices.GetRequiredService<IOptions<FormOptions>>().Value;
        var own = context.GetEndpoint()?.Metadata.GetMetadata<IFormOptionsMetadata>();
        return new FormOptions
        {
            MemoryBufferThreshold = own?.MemoryBufferThreshold ?? global.MemoryBufferThreshold,
            ValueCountLimit = own?.ValueCountLimit ?? global.ValueCountLimit,
            KeyLengthLimit = own?.KeyLengthLimit ?? global.KeyLengthLimit,
            ValueLengthLimit = own?.ValueLengthLimit ?? global.ValueLengthLimit,
            MultipartBoundaryLengthLimit = own?.MultipartBoundaryLengthLimit ?? global.MultipartBoundaryLengthLimit,
            MultipartHeadersCountLimit = own?.MultipartHeadersCountLimit ?? global.MultipartHeadersCountLimit,
            MultipartHeadersLengthLimit = own?.MultipartHeadersLengthLimit ?? global.MultipartHeadersLengthLimit,
            MultipartBodyLengthLimit = own?.MultipartBodyLengthLimit ?? uploadLimit ?? global.MultipartBodyLengthLimit,
        };
    }

    /// <summary>The form's declared character set, as ASP.NET Core takes it: UTF-8 unless another is named (never UTF-7).</summary>
    private static Encoding Encoding(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type) && type.Encoding is { CodePage: not 65000 } declared ? declared : System.Text.Encoding.UTF8;

    // An empty form, so that nothing after (the status page included) reads the body again.
    private static void Refuse(HttpContext context, int status)
    {
        context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
        context.Response.StatusCode = status;
    }
}
