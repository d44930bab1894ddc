/* print_module.c - see print_module.h: the module's one entry point, the
 * table of handout.h's functions. */
#include "print/print_module.h"

#include "config.h"

const struct print_module *smr_print_module(void)
{
    static const struct print_module table = {
        .abi = PRINT_MODULE_ABI,
        .version = SMR_VERSION,
        .paper_from_name = handout_paper_from_name,
        .render = handout_render,
        .pdf_finish = handout_pdf_finish,
    };
    return &table;
}
