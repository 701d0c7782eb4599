package org.mfaportal.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.mfaportal.mfa.totp.Base32;
import org.mfaportal.mfa.totp.Totp;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Headless Debian Chromium driven by Selenium, on {@code localhost} (WebAuthn refuses IP hosts). The driver and
 * browser binaries are given explicitly so Selenium Manager never tries to download anything.
 */
public final class Browser implements AutoCloseable {

    private static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final String baseUrl;

    private final Path downloads;

    private Browser(ChromeDriver driver, String baseUrl, Path downloads) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.downloads = downloads;
    }

    /** A fresh browser profile (no cookies) for the deployment at {@code deploymentUrl}. */
    public static Browser open(URL deploymentUrl) {
        try {
            Path downloads = Files.createTempDirectory("chromium-downloads");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--window-size=1280,900",
                    "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER))
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Browser(driver, localhost(deploymentUrl), downloads);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create a browser profile directory", e);
        }
    }

    /** Arquillian hands out 127.0.0.1; browsers treat IP hosts differently (WebAuthn refuses them). */
    public static String localhost(URL url) {
        String base = url.toExternalForm().replace("://127.0.0.1:", "://localhost:");
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** A new account with no factors, made by the test deployment's support servlet. */
    public String newAccount() {
        return newAccount(null);
    }

    /** A new account with no factors in {@code group} (null: no group). */
    public String newAccount(String group) {
        return createAccount(group == null ? "" : "?group=" + group);
    }

    /** A new account with no factors and the e-mail address {@code <username>@example.test}. */
    public String newAccountWithEmail() {
        return createAccount("?email=true");
    }

    private String createAccount(String query) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/test-support/new-account" + query))
                            .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Test account not created: HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Moves the server's clock forward (the test deployment's TestClock). */
    public void advanceServerClock(java.time.Duration duration) {
        postToClock("?advance=" + duration);
    }

    /** Puts the server's clock back to real time: tests that compute codes rely on it. */
    public void resetServerClock() {
        postToClock("");
    }

    private void postToClock(String query) {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/test-support/clock" + query))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** As a signed-in admin: finds the account on /admin/users and opens its page. */
    public void openUserPageAsAdmin(String username) {
        open("/admin/users");
        type("#users\\:text", username);
        find("#users\\:search").click();
        // the filtered table replaces the first page by AJAX: wait for the one matching row, then follow its link
        String href = new WebDriverWait(driver, Duration.ofSeconds(30))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    List<WebElement> rows = d.findElements(By.cssSelector("#users\\:table tbody tr"));
                    return rows.size() == 1 && rows.get(0).getText().contains(username)
                            ? d.findElement(By.linkText(username)).getAttribute("href") : null;
                });
        open("/admin/user?id=" + href.replaceAll(".*[?&]id=", ""));
        // on a busy machine the page has been found without its heading right after it opened, and with it a moment later
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .withMessage(() -> "The admin user page did not open for " + username + ": the browser is at " + path())
                .until(d -> !d.findElements(By.id("adminUserName")).isEmpty());
    }

    public void open(String path) {
        driver.get(baseUrl + path);
    }

    /** The current path, relative to the application. */
    public String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(baseUrl) ? url.substring(baseUrl.length()) : url;
    }

    public WebElement find(String cssSelector) {
        return driver.findElement(By.cssSelector(cssSelector));
    }

    public boolean has(String cssSelector) {
        return !driver.findElements(By.cssSelector(cssSelector)).isEmpty();
    }

    public String text(String cssSelector) {
        return find(cssSelector).getText();
    }

    public void type(String cssSelector, String value) {
        WebElement field = find(cssSelector);
        field.clear();
        field.sendKeys(value);
    }

    /** Clicks a button that submits a form and waits until the next page has replaced this one and finished loading. */
    public void submitWith(String cssSelector) {
        clickAndAwaitNextPage(find(cssSelector));
    }

    /** Follows a link and waits until the page it leads to has finished loading. */
    public void followLink(String cssSelector) {
        clickAndAwaitNextPage(find(cssSelector));
    }

    private void clickAndAwaitNextPage(WebElement element) {
        awaitNextPageAfter(element::click);
    }

    private void awaitNextPageAfter(Runnable action) {
        driver.executeScript("window.__portalPreviousPage = true;");
        action.run();
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .ignoring(WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(driver.executeScript(
                        "return window.__portalPreviousPage === undefined && document.readyState === 'complete';")));
    }

    public String sessionCookie() {
        Cookie cookie = driver.manage().getCookieNamed("JSESSIONID");
        return cookie == null ? null : cookie.getValue();
    }

    public String pageSource() {
        return driver.getPageSource();
    }

    /** True when the page shows a Java stack trace or exception chain: a user must never see one. */
    public boolean showsStackTrace() {
        String source = pageSource();
        return source.contains("Caused by:") || source.matches("(?s).*\\bat [a-z]+\\.[a-zA-Z.$]+\\(.*") || source.contains("Stack Trace");
    }

    public WebDriver driver() {
        return driver;
    }

    /**
     * Chromium's virtual authenticator (WebDriver WebAuthn extension). {@code passkeyCapable}: resident keys and user
     * verification, like a phone or a FIDO2 key with PIN; otherwise a plain USB security key.
     */
    public VirtualAuthenticator addVirtualAuthenticator(boolean passkeyCapable) {
        return driver.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(passkeyCapable ? VirtualAuthenticatorOptions.Transport.INTERNAL : VirtualAuthenticatorOptions.Transport.USB)
                .setHasResidentKey(passkeyCapable)
                .setHasUserVerification(passkeyCapable)
                .setIsUserVerified(passkeyCapable)
                .setIsUserConsenting(true));
    }

    /**
     * Clicks a button that starts a WebAuthn ceremony and waits for the page it leads to, or for a message; returns the
     * message ("" when the next page came without one).
     */
    public String runCeremonyWith(String buttonSelector) {
        driver.executeScript("window.__portalPreviousPage = true;");
        find(buttonSelector).click();
        return new WebDriverWait(driver, Duration.ofSeconds(30))
                .ignoring(WebDriverException.class)
                .until(d -> (String) driver.executeScript(
                        "const status = document.getElementById('webauthnStatus');"
                                + "if (status !== null && !status.hidden && status.textContent.length > 0) { return status.textContent; }"
                                + "return window.__portalPreviousPage === undefined && document.readyState === 'complete' ? '' : null;"));
    }

    /** Sets up an authenticator app on the setup page (signed in, identity recently confirmed); returns its secret. */
    public byte[] enrolAuthenticatorApp() {
        open("/account/security/totp");
        byte[] secret = Base32.decode(text("#totpSecret"));
        type("#totp\\:code", Totp.defaults().codeAt(secret, java.time.Instant.now()));
        submitWith("#totp\\:confirm");
        return secret;
    }

    /** Signs in through the login form (the current page must be the login page). */
    public void signIn(String username, String password) {
        type("#login\\:username", username);
        type("#login\\:password", password);
        submitWith("#login\\:signIn");
    }

    /** Clicks a button guarded by a PrimeFaces confirmation and answers yes. */
    public void submitConfirmed(String cssSelector) {
        find(cssSelector).click();
        WebElement yes = new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.findElements(By.cssSelector("#confirmYes")).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
        clickAndAwaitNextPage(yes);
    }

    public void signOut() {
        submitWith("#signOutForm\\:signOut");
    }

    /** The content of a file this browser downloaded, once complete (waits for it). */
    public String downloaded(String fileName) {
        Path file = downloads.resolve(fileName);
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> Files.exists(file) && !Files.exists(downloads.resolve(fileName + ".crdownload")));
        try {
            return Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the download " + file, e);
        }
    }

    /** The element that has the keyboard focus (the body when none has). */
    public WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /** Types keys (text, {@code Keys.TAB}, {@code Keys.ENTER}…) into whatever has the focus, as a keyboard would. */
    public void press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /** Presses keys that leave the page (Enter on a focused button) and waits for the next page to finish loading. */
    public void pressAndAwaitNextPage(CharSequence... keys) {
        awaitNextPageAfter(() -> press(keys));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
