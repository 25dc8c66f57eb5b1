using QRCoder;

namespace Trellis.Server.Features.Portal;

/// <summary>QR codes drawn on the server as PNG data URIs: nothing is fetched from a QR service.</summary>
public static class QrCodes
{
    public static string PngDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(8);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
