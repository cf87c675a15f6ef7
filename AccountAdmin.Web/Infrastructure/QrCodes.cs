using QRCoder;

namespace AccountAdmin.Web.Infrastructure;

public static class QrCodes
{
    /// <summary>A QR code of <paramref name="text"/> as a PNG data address, which the page's security policy lets an img show.</summary>
    public static string PngDataUri(string text) =>
        "data:image/png;base64," + Convert.ToBase64String(PngByteQRCodeHelper.GetQRCode(text, QRCodeGenerator.ECCLevel.M, 6));
}
