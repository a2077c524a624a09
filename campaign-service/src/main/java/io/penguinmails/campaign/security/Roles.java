package io.penguinmails.campaign.security;

/** The roles a caller of campaign-service can hold. */
public final class Roles {

    /** The operator, authenticated by the admin token. */
    public static final String ADMIN = "admin";
    /** A tenant, authenticated by a token this service issued (its {@code groups} claim). */
    public static final String TENANT = "tenant";

    private Roles() {}
}
