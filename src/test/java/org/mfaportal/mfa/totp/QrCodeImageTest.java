package org.mfaportal.mfa.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QrCodeImageTest {

    private static final String DATA_URL_PREFIX = "data:image/png;base64,";

    @Test
    void otpauthUriSurvivesRenderingAndScanning() throws Exception {
        String uri = OtpAuthUri.of("ACME Co", "zoë@example.com",
                "12345678901234567890".getBytes(StandardCharsets.US_ASCII), new Totp(HmacAlgorithm.SHA256, 8, 30));

        String dataUrl = QrCodeImage.pngDataUrl(uri, 4);

        assertEquals(uri, scan(decodePng(dataUrl)));
    }

    @Test
    void nonAsciiTextSurvivesRenderingAndScanning() throws Exception {
        String text = "Zoë — 例え";
        assertEquals(text, scan(decodePng(QrCodeImage.pngDataUrl(text, 3))));
    }

    @Test
    void imageIsAWholeNumberOfModulesIncludingATwoModuleMargin() throws Exception {
        BufferedImage small = decodePng(QrCodeImage.pngDataUrl("otpauth://totp/A:b?secret=MY&issuer=A", 1));
        BufferedImage large = decodePng(QrCodeImage.pngDataUrl("otpauth://totp/A:b?secret=MY&issuer=A", 5));

        assertEquals(small.getWidth() * 5, large.getWidth());
        assertEquals(small.getWidth(), small.getHeight());
        // A version-v symbol is 17 + 4v modules wide (ISO/IEC 18004 §5.3.1), plus the quiet zone.
        int symbolModules = small.getWidth() - 2 * QrCodeImage.MARGIN_MODULES;
        assertTrue(symbolModules > 17 && (symbolModules - 17) % 4 == 0, "symbol width " + symbolModules);
        for (int i = 0; i < QrCodeImage.MARGIN_MODULES; i++) {
            for (int along = 0; along < small.getWidth(); along++) {
                assertEquals(0xFFFFFFFF, small.getRGB(i, along), "left quiet zone must be white");
                assertEquals(0xFFFFFFFF, small.getRGB(along, i), "top quiet zone must be white");
            }
        }
        assertEquals(0xFF000000, small.getRGB(QrCodeImage.MARGIN_MODULES, QrCodeImage.MARGIN_MODULES),
                "finder pattern corner must be black");
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> QrCodeImage.pngDataUrl("", 4));
        assertThrows(IllegalArgumentException.class, () -> QrCodeImage.pngDataUrl(null, 4));
        assertThrows(IllegalArgumentException.class, () -> QrCodeImage.pngDataUrl("x", 0));
        assertThrows(IllegalArgumentException.class, () -> QrCodeImage.pngDataUrl("x", QrCodeImage.MAX_MODULE_SIZE_PIXELS + 1));
        assertThrows(IllegalArgumentException.class, () -> QrCodeImage.pngDataUrl("x".repeat(5000), 1));
    }

    private static BufferedImage decodePng(String dataUrl) throws Exception {
        assertTrue(dataUrl.startsWith(DATA_URL_PREFIX), dataUrl.substring(0, Math.min(40, dataUrl.length())));
        byte[] png = Base64.getDecoder().decode(dataUrl.substring(DATA_URL_PREFIX.length()));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(image != null, "data URL must hold a readable PNG");
        return image;
    }

    private static String scan(BufferedImage image) throws Exception {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        Result result = new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE));
        return result.getText();
    }

    /** ZXing core has no BufferedImage source (that lives in zxing javase, which we do not use). */
    private static final class BufferedImageLuminanceSource extends LuminanceSource {

        private final byte[] luminances;

        BufferedImageLuminanceSource(BufferedImage image) {
            super(image.getWidth(), image.getHeight());
            luminances = new byte[image.getWidth() * image.getHeight()];
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y);
                    int red = (rgb >> 16) & 0xFF;
                    int green = (rgb >> 8) & 0xFF;
                    int blue = rgb & 0xFF;
                    // ITU-R BT.601 luma weights, in integer arithmetic.
                    luminances[y * image.getWidth() + x] = (byte) ((299 * red + 587 * green + 114 * blue) / 1000);
                }
            }
        }

        @Override
        public byte[] getRow(int y, byte[] row) {
            if (row == null || row.length < getWidth()) {
                row = new byte[getWidth()];
            }
            System.arraycopy(luminances, y * getWidth(), row, 0, getWidth());
            return row;
        }

        @Override
        public byte[] getMatrix() {
            return luminances;
        }
    }
}
