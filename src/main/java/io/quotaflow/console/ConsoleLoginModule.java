package io.quotaflow.console;

import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;

import org.eclipse.jetty.security.RolePrincipal;
import org.eclipse.jetty.security.UserPrincipal;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.jaas.spi.AbstractLoginModule;

/**
 * The JAAS login module behind the console's realm: Jetty's {@link AbstractLoginModule} reading users from a Jetty
 * {@link UserStore} handed over in the module options.
 *
 * <p>Why this and not Jetty's {@code PropertyFileLoginModule}: Hawtio authenticates by running its own
 * {@code LoginContext} (realm {@code hawtio.realm}) with a callback handler that answers only name and password.
 * {@code PropertyFileLoginModule} looks up its user store through {@code JAASLoginService.INSTANCE}, a thread-local
 * that only Jetty's {@code JAASLoginService} sets, so under Hawtio it fails with "No PropertyUserStoreManager"
 * (and WebAppContext hides {@code org.eclipse.jetty.*} classes from the webapp's class loader anyway). This module
 * keeps everything else of Jetty's: the callback handling (it falls back to the standard PasswordCallback),
 * the credential check ({@code UserPrincipal.authenticate}, constant-time) and the role principals
 * ({@code org.eclipse.jetty.security.jaas.JAASRole}, which Hawtio is told to accept via
 * {@code hawtio.rolePrincipalClasses}). The only code of ours is "where do the users come from".
 *
 * <p>It must stay public with a public no-arg constructor: {@code LoginContext} instantiates it reflectively
 * through the webapp's class loader, which (parent-first) finds it in the application class path.
 */
public final class ConsoleLoginModule extends AbstractLoginModule {

    /** Option key under which {@link ConsoleJaasConfiguration} passes the {@link UserStore} instance. */
    static final String USER_STORE_OPTION = ConsoleLoginModule.class.getName() + ".userStore";

    private UserStore users;

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler,
                           Map<String, ?> sharedState, Map<String, ?> options) {
        super.initialize(subject, callbackHandler, sharedState, options);
        Object store = options.get(USER_STORE_OPTION);
        if (!(store instanceof UserStore userStore)) {
            throw new IllegalStateException("ConsoleLoginModule needs option " + USER_STORE_OPTION);
        }
        this.users = userStore;
    }

    /**
     * Jetty refuses a wrong name or password with a FailedLoginException without a message, which Hawtio logs as
     * "Login failed due to: null" for every failed login: the same refusal, with words (and no name or password).
     */
    @Override
    public boolean login() throws LoginException {
        try {
            return super.login();
        } catch (FailedLoginException e) {
            if (e.getMessage() != null) {
                throw e;
            }
            throw new FailedLoginException("wrong user name or password");
        }
    }

    @Override
    public JAASUser getUser(String username) {
        UserPrincipal user = users.getUserPrincipal(username);
        if (user == null) {
            return null;
        }
        List<RolePrincipal> rolePrincipals = users.getRolePrincipals(username);
        List<String> roles = rolePrincipals == null ? List.of() : rolePrincipals.stream().map(RolePrincipal::getName).toList();
        return new JAASUser(user) {
            @Override
            public List<String> doFetchRoles() {
                return roles;
            }
        };
    }
}
