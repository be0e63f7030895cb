package io.quotaflow.console;

import java.security.Principal;
import java.util.function.Function;
import javax.security.auth.Subject;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.IdentityService;
import org.eclipse.jetty.security.LoginService;
import org.eclipse.jetty.security.SecurityHandler;
import org.eclipse.jetty.security.UserIdentity;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Session;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP Basic for the endpoints served next to Hawtio ({@code /metrics}): Jetty's own
 * {@link BasicAuthenticator} against the console's accounts (either role may read), behind a
 * {@link LoginThrottle}. An address that has failed too often is answered {@code 429} with
 * {@code Retry-After} before its password is even looked at, so guessing gets slower with every miss.
 */
final class BasicAuth {

    private static final Logger LOG = LoggerFactory.getLogger(BasicAuth.class);

    private BasicAuth() {
    }

    static Handler protect(Handler protectedHandler, UserStore users, String realm, LoginThrottle throttle) {
        HashLoginService accounts = new HashLoginService(realm);
        accounts.setUserStore(users);
        SecurityHandler.PathMapped security = new SecurityHandler.PathMapped();
        security.setLoginService(new Counted(accounts, throttle));
        security.setAuthenticator(new BasicAuthenticator());
        security.put("/*", Constraint.from(ConsoleRole.OPERATOR.roleName(), ConsoleRole.VIEWER.roleName()));
        security.setHandler(protectedHandler);
        return new Gate(security, throttle);
    }

    /** Refuses an address while it has to wait. */
    private static final class Gate extends Handler.Wrapper {
        private final LoginThrottle throttle;

        Gate(Handler next, LoginThrottle throttle) {
            super(next);
            this.throttle = throttle;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            long wait = throttle.waitFor(Request.getRemoteAddr(request)).toMillis();
            if (wait <= 0) {
                return super.handle(request, response, callback);
            }
            long seconds = (wait + 999) / 1000;
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS_429);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, String.valueOf(seconds));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            Content.Sink.write(response, true, "Too many failed logins from this address; try again in "
                    + seconds + " s\n", callback);
            return true;
        }
    }

    /** The console's accounts, telling the throttle how each password check went. */
    private static final class Counted extends ContainerLifeCycle implements LoginService {
        private final LoginService accounts;
        private final LoginThrottle throttle;

        Counted(LoginService accounts, LoginThrottle throttle) {
            this.accounts = accounts;
            this.throttle = throttle;
            addBean(accounts); // started and stopped with this
        }

        @Override
        public UserIdentity login(String username, Object credentials, Request request,
                                  Function<Boolean, Session> getOrCreateSession) {
            UserIdentity user = accounts.login(username, credentials, request, getOrCreateSession);
            String address = Request.getRemoteAddr(request);
            if (user == null) {
                int inARow = throttle.failed(address);
                if (inARow > LoginThrottle.FREE_FAILURES) {
                    // the address and a count only: a user name can be a password typed in the wrong field
                    LOG.warn("{} failed logins in a row from {} on {}: refused for {} s", inARow, address,
                            request.getHttpURI().getPath(), LoginThrottle.block(inARow).toSeconds());
                }
            } else {
                throttle.succeeded(address);
            }
            return user;
        }

        @Override
        public String getName() {
            return accounts.getName();
        }

        @Override
        public UserIdentity getUserIdentity(Subject subject, Principal userPrincipal, boolean create) {
            return accounts.getUserIdentity(subject, userPrincipal, create);
        }

        @Override
        public boolean validate(UserIdentity user) {
            return accounts.validate(user);
        }

        @Override
        public IdentityService getIdentityService() {
            return accounts.getIdentityService();
        }

        @Override
        public void setIdentityService(IdentityService service) {
            accounts.setIdentityService(service);
        }

        @Override
        public void logout(UserIdentity user) {
            accounts.logout(user);
        }
    }
}
