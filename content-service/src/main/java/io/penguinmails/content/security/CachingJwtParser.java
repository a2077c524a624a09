package io.penguinmails.content.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.penguinmails.content.config.ContentConfig;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies each distinct bearer token once and remembers the result for a while: a client reads many messages with
 * one token, and an RSA signature check per request is the largest fixed cost of a point read (as it was a fifth of
 * ingest's CPU under load, where the same parser came from). The cache key is
 * the whole token, so a hit is the very bytes that were verified; a remembered token is still refused from its expiry
 * on, because expiry is checked again on every hit.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

    private final DefaultJWTParser delegate;
    private final Cache<String, JsonWebToken> verified;

    CachingJwtParser(DefaultJWTParser delegate, ContentConfig config) {
        this.delegate = delegate;
        this.verified = Caffeine.newBuilder()
                .maximumSize(config.verifiedTokens())
                .expireAfterWrite(config.verifiedTokenTtl())
                .build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null && !expired(known)) {
            return known;
        }
        JsonWebToken fresh = delegate.parse(token);
        verified.put(token, fresh);
        return fresh;
    }

    private static boolean expired(JsonWebToken token) {
        return token.getExpirationTime() <= Instant.now().getEpochSecond();
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
