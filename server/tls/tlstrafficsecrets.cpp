#include "server/tls/tlstrafficsecrets.h"

#include <openssl/ssl.h>

#include <string_view>

namespace parley::server {

namespace {

constexpr std::string_view kClientLabel = "CLIENT_TRAFFIC_SECRET_0";
constexpr std::string_view kServerLabel = "SERVER_TRAFFIC_SECRET_0";

int exDataIndex()
{
    static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
    return index;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// "<label> <client random in hex> <secret in hex>": the secret's bytes into out, their count, or 0.
std::size_t secretOf(std::string_view line, std::string_view label, unsigned char *out, std::size_t capacity)
{
    if (!line.starts_with(label) || line.size() <= label.size() || line[label.size()] != ' ')
        return 0;
    line.remove_prefix(label.size() + 1);
    const std::size_t space = line.find(' ');
    if (space == std::string_view::npos)
        return 0;
    const std::string_view hex = line.substr(space + 1);
    if (hex.empty() || hex.size() % 2 != 0 || hex.size() / 2 > capacity)
        return 0;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int high = hexValue(hex[i]);
        const int low = hexValue(hex[i + 1]);
        if (high < 0 || low < 0)
            return 0;
        out[i / 2] = static_cast<unsigned char>(high << 4 | low);
    }
    return hex.size() / 2;
}

} // namespace

void TlsTrafficSecrets::watch(ssl_st *ssl)
{
    SSL_set_ex_data(ssl, exDataIndex(), this);
}

void TlsTrafficSecrets::unwatch(ssl_st *ssl)
{
    SSL_set_ex_data(ssl, exDataIndex(), nullptr);
}

void TlsTrafficSecrets::onKeyLog(const ssl_st *ssl, const char *line)
{
    if (auto *secrets = static_cast<TlsTrafficSecrets *>(SSL_get_ex_data(ssl, exDataIndex())))
        secrets->takeKeyLogLine(line);
}

void TlsTrafficSecrets::takeKeyLogLine(const char *line)
{
    const std::string_view text(line);
    if (const std::size_t n = secretOf(text, kClientLabel, m_client.data(), m_client.size()))
        m_clientSize = n;
    else if (const std::size_t n = secretOf(text, kServerLabel, m_server.data(), m_server.size()))
        m_serverSize = n;
}

} // namespace parley::server
