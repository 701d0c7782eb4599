package org.mfaportal.mfa.totp;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import javax.imageio.ImageIO;

/** Renders text (an otpauth URI) as a QR code PNG embedded in a data URL. */
public final class QrCodeImage {

    /** Quiet zone in modules; 2 rather than the standard 4 scans reliably on a white page. */
    static final int MARGIN_MODULES = 2;

    /** Largest module size accepted, keeping the image (and the data URL) reasonably small. */
    static final int MAX_MODULE_SIZE_PIXELS = 32;

    private static final int BLACK = 0x000000;
    private static final int WHITE = 0xFFFFFF;

    private QrCodeImage() {
    }

    public static String pngDataUrl(String text, int moduleSizePixels) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("QR code text must not be null or empty");
        }
        if (moduleSizePixels < 1 || moduleSizePixels > MAX_MODULE_SIZE_PIXELS) {
            throw new IllegalArgumentException(
                    "QR module size must be between 1 and " + MAX_MODULE_SIZE_PIXELS + " pixels, was " + moduleSizePixels);
        }
        BitMatrix modules = encode(text);
        BufferedImage image = render(modules, moduleSizePixels);
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(image));
    }

    /** Encodes at one pixel per module; scaling is done here so every module has the same size. */
    private static BitMatrix encode(String text) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        // M recovers ~15% damage: enough for a screen, without making the code much denser.
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, MARGIN_MODULES);
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(text)) {
            // Only non-ASCII text gets the UTF-8 hint: it adds an ECI header that some older
            // scanners mishandle, and otpauth URIs are percent-encoded ASCII anyway.
            hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        }
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("Text cannot be encoded as a QR code (too long?)", e);
        }
    }

    private static BufferedImage render(BitMatrix modules, int moduleSizePixels) {
        int width = modules.getWidth() * moduleSizePixels;
        int height = modules.getHeight() * moduleSizePixels;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean dark = modules.get(x / moduleSizePixels, y / moduleSizePixels);
                image.setRGB(x, y, dark ? BLACK : WHITE);
            }
        }
        return image;
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("No PNG writer available in javax.imageio");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Writing a PNG to memory failed", e);
        }
        return out.toByteArray();
    }
}
