# The scheduler runtime: `scheduler serve` on the task files mounted at /schedules, state in /data,
# the status page and /healthz on port 8080. Build and run (docs/gitops.md has the whole walk):
#   docker build -t scheduler .
#
# SECURITY: inside a container the server must listen on 0.0.0.0 to be reachable at all, so it is not protected by
# being on loopback. With no sign-in configured (Scheduler__Auth__Mode unset or none) the page and API therefore
# answer 401 with a page that says how to configure sign-in; /healthz, /readyz and /metrics still answer. Pick one
# (docs/operations.md, "A secure setup", has each in full; secrets come from the environment or a secret store,
# never from a file in the image or in git):
#
#   OpenID Connect, the scheduler signs users in itself:
#     docker run -d --name scheduler -p 8080:8080 \
#       -v scheduler-data:/data -v "$PWD/schedules:/schedules:ro" \
#       -e AllowedHosts=scheduler.example.com \
#       -e Scheduler__Auth__Mode=oidc \
#       -e Scheduler__Auth__Oidc__Authority=https://login.example.com/realms/main \
#       -e Scheduler__Auth__Oidc__ClientId=scheduler \
#       -e Scheduler__Auth__Oidc__ClientSecret="$OIDC_CLIENT_SECRET" \
#       -e Scheduler__Auth__Oidc__OperatorRoles=scheduler-operators \
#       scheduler
#
#   Behind an authenticating proxy (oauth2-proxy, an ingress) on the 10.0.0.0/8 network:
#     docker run -d --name scheduler -p 127.0.0.1:8080:8080 \
#       -v scheduler-data:/data -v "$PWD/schedules:/schedules:ro" \
#       -e Scheduler__Auth__Mode=proxy \
#       -e Scheduler__Auth__Proxy__UserHeader=X-Forwarded-Email \
#       -e Scheduler__Auth__Proxy__RolesHeader=X-Forwarded-Groups \
#       -e Scheduler__Auth__Proxy__TrustedNetworks=10.0.0.0/8 \
#       -e Scheduler__Auth__Proxy__OperatorRoles=scheduler-operators \
#       scheduler
#
# API tokens are stored as their SHA-256 only: -e Scheduler__Api__Tokens__deploy__Hash=<sha256 hex>
# -e Scheduler__Api__Tokens__deploy__Role=operator. Without a token API writes are refused.

# htmx for the status page comes from npm (src/Scheduler.Web/package-lock.json); the SDK image has no node.
FROM node:22-bookworm-slim AS web-assets
WORKDIR /web
COPY src/Scheduler.Web/package.json src/Scheduler.Web/package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /repo
# Restore from the build settings and project files alone, so a code change does not invalidate the package layer.
# Only the published project's graph is restored: the solution would drag in every test project.
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt ./
COPY src/Scheduler.Definitions/Scheduler.Definitions.csproj src/Scheduler.Definitions/
COPY src/Scheduler.State/Scheduler.State.csproj src/Scheduler.State/
COPY src/Scheduler.Engine/Scheduler.Engine.csproj src/Scheduler.Engine/
COPY src/Scheduler.Web/Scheduler.Web.csproj src/Scheduler.Web/
COPY src/Scheduler/Scheduler.csproj src/Scheduler/
RUN dotnet restore src/Scheduler/Scheduler.csproj
COPY src/ src/
# node_modules is newer than the lock file it was installed from, so the web project's npm step is skipped.
COPY --from=web-assets /web/node_modules src/Scheduler.Web/node_modules
# The release workflow stamps the version and commit that `scheduler --version` prints (.git is not in the context).
ARG VERSION=""
ARG SOURCE_REVISION=""
RUN dotnet publish src/Scheduler/Scheduler.csproj --no-restore -c Release -o /app \
    ${VERSION:+-p:Version=$VERSION} ${SOURCE_REVISION:+-p:SourceRevisionId=$SOURCE_REVISION}

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The image's non-root user ($APP_UID, 1654) owns /data; a bind-mounted /data must be writable by that uid.
RUN mkdir -p /data /schedules && chown "$APP_UID" /data
USER $APP_UID
VOLUME ["/data", "/schedules"]
# Requests reach the container under whatever name the proxy uses; narrow this with -e AllowedHosts=scheduler.example.com.
ENV AllowedHosts="*"
# Runtime settings for a process that mostly waits (docs/performance.md, idle); the runtime reads these two from the
# environment only, so they are here and in the systemd unit rather than in scheduler.runtimeconfig.json. Every method
# is compiled once, fully optimised (no re-compilation minutes into an idle run), and a 4 MB gen0 budget collects
# what the periodic duties allocate every few MB. Runs do not inherit them (a run's environment is built clean); a
# `docker exec ... scheduler status` does, and starts a little slower for it.
ENV DOTNET_TieredCompilation=0 DOTNET_GCgen0size=0x400000
EXPOSE 8080
# The aspnet:10.0 image (Ubuntu 24.04) has no curl or wget, but it has bash: its /dev/tcp speaks just enough
# HTTP/1.0 to ask /healthz and check for a 200, without adding an HTTP client to the image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# Exec form, so `docker stop`'s SIGTERM reaches serve itself, which drains: runs in progress go on for
# Scheduler:Engine:DrainTimeout (20 s), then what is left is stopped within ShutdownGrace (30 s) and recorded
# interrupted. Give it `docker run --stop-timeout 60`: Docker's default of 10 s cuts the drain short.
ENTRYPOINT ["dotnet", "scheduler.dll"]
CMD ["serve", "--schedules", "/schedules", "--data", "/data", "--urls", "http://0.0.0.0:8080"]
